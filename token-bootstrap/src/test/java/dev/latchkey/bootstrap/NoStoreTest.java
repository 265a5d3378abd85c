package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.persistence.InMemoryH2Database;
import dev.latchkey.adapter.persistence.TestDatabase;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every response that carries a secret or a refusal of credentials says {@code Cache-Control: no-store}: the native
 * API's, the refusals the security filter makes itself, and each platform's token responses.
 */
class NoStoreTest extends ServiceOnTestDatabase {

    private static final String ADMIN = EndToEndScenario.basic(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD);

    @Override
    protected TestDatabase database() {
        return new InMemoryH2Database();
    }

    @Override
    protected Map<String, Object> settings() {
        return Map.of("latchkey.accounts.password-minimum-length", 8);
    }

    private HttpResponse<String> send(String method, String path, String authorization, String type, String body)
            throws Exception {
        return HttpCalls.send(node(), method, path, HttpCalls.headers(authorization, type), body);
    }

    private static void assertNoStore(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Cache-Control")).as(response.uri().toString()).hasValue("no-store");
    }

    @Test
    void secretsAndCredentialRefusalsAreNeverCacheable() throws Exception {
        assertNoStore(send("POST", "/api/v1/admin/accounts", ADMIN, "application/json",
                "{\"username\":\"plain\",\"password\":\"plain-password\"}"), 201);
        String plain = EndToEndScenario.basic("plain", "plain-password");

        assertNoStore(send("GET", "/api/v1/admin/accounts/plain", plain, null, null), 403);
        assertNoStore(send("GET", "/api/v1/tokens", EndToEndScenario.basic("plain", "wrong-password"), null, null),
                401);
        assertNoStore(send("POST", "/api/v1/tokens", plain, null, null), 201);
        assertNoStore(send("POST", "/ds-api/user-token", plain, null, null), 201);
        assertNoStore(send("POST", "/Token", null, "application/x-www-form-urlencoded",
                "grant_type=password&username=plain&password=plain-password"), 200);
        assertNoStore(send("POST", "/v4/apiAccessTokens", plain, "application/json",
                "{\"lifetimeSeconds\":60,\"description\":\"x\"}"), 201);
        assertNoStore(send("POST", "/api/v1/token-auth/", null, "application/json",
                "{\"username\":\"plain\",\"password\":\"plain-password\"}"), 200);
        assertNoStore(send("POST", "/oauth2/token", null, "application/x-www-form-urlencoded",
                "grant_type=password&username=plain&password=plain-password"), 200);
    }
}
