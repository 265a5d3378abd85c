package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.persistence.InMemoryH2Database;
import dev.latchkey.adapter.persistence.TestDatabase;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Usernames and reserved scopes cannot be doubled by changing their case. */
class CaseInsensitiveNamesTest extends ServiceOnTestDatabase {

    private static final String ADMIN = EndToEndScenario.basic(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD);

    @Override
    protected TestDatabase database() {
        return new InMemoryH2Database();
    }

    private HttpResponse<String> post(String path, String authorization, String json) throws Exception {
        return HttpCalls.send(node(), "POST", path, HttpCalls.headers(authorization, "application/json"), json);
    }

    @Test
    void aUsernameIsOneAccountWhateverItsCase() throws Exception {
        assertThat(post("/api/v1/admin/accounts", ADMIN,
                "{\"username\":\"alice\",\"password\":\"alice's long password\"}").statusCode()).isEqualTo(201);

        HttpResponse<String> shouting = post("/api/v1/admin/accounts", ADMIN,
                "{\"username\":\"ALICE\",\"password\":\"mallory's long password\"}");

        assertThat(shouting.statusCode()).isEqualTo(409);
        assertThat(shouting.body()).contains("username-taken");
        assertThat(post("/api/v1/tokens", EndToEndScenario.basic("Alice", "alice's long password"), "{}")
                .statusCode()).as("the same account, however it is typed").isEqualTo(201);
    }

    @Test
    void reservedScopesCannotBeHeldInAnotherCase() throws Exception {
        assertThat(post("/api/v1/admin/accounts", ADMIN,
                "{\"username\":\"bob\",\"password\":\"bob's long password\"}").statusCode()).isEqualTo(201);
        String bob = EndToEndScenario.basic("bob", "bob's long password");

        assertThat(post("/api/v1/tokens", bob, "{\"scopes\":[\"Introspect\"]}").statusCode()).isEqualTo(403);
        assertThat(post("/api/v1/tokens", bob, "{\"scopes\":[\"PARTNER:1\"]}").statusCode()).isEqualTo(403);
        assertThat(post("/api/v1/tokens", ADMIN, "{\"scopes\":[\"INTROSPECT\"]}").statusCode())
                .as("not even an administrator holds a look-alike").isEqualTo(403);
        assertThat(post("/api/v1/tokens", bob, "{\"scopes\":[\"read\",\"Read\"]}").statusCode())
                .as("other scopes compare exactly, as RFC 6749 says").isEqualTo(201);
    }
}
