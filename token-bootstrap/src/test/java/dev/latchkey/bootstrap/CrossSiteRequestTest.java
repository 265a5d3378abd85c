package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.persistence.InMemoryH2Database;
import dev.latchkey.adapter.persistence.TestDatabase;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A page of another site cannot make a browser that holds an account's Basic credentials change anything: requests
 * a browser marks {@code Sec-Fetch-Site: cross-site} are refused before their credentials are read, in each
 * surface's own error shape. Reads, and requests from API clients (which send no such header), go on as before.
 */
class CrossSiteRequestTest extends ServiceOnTestDatabase {

    private static final String ADMIN = EndToEndScenario.basic(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD);

    @Override
    protected TestDatabase database() {
        return new InMemoryH2Database();
    }

    @Test
    void anotherSitesPageCannotRevokeIssueOrChangeWithTheBrowsersCredentials() throws Exception {
        String token = HttpCalls.send(node(), "POST", "/api/v1/tokens", HttpCalls.headers(ADMIN, "application/json"),
                "{\"description\":\"kept\"}").body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");

        HttpResponse<String> revokeAll = send("POST", "/api/v1/tokens/revoke-all", "cross-site", null, null);
        assertThat(revokeAll.statusCode()).isEqualTo(403);
        assertThat(revokeAll.body()).contains("urn:latchkey:problem:cross-site-request");
        assertThat(HttpCalls.send(node(), "GET", "/api/v1/tokens/self", HttpCalls.headers("Bearer " + token, null),
                null).statusCode()).as("the token survived").isEqualTo(200);

        HttpResponse<String> trifacta = send("POST", "/v4/apiAccessTokens", "cross-site", "application/json",
                "{\"lifetimeSeconds\":60,\"description\":\"x\"}");
        assertThat(trifacta.statusCode()).isEqualTo(403);
        assertThat(trifacta.body()).startsWith("{\"exception\":");
        HttpResponse<String> oauth = send("POST", "/oauth2/revoke", "cross-site",
                "application/x-www-form-urlencoded", "token=" + token);
        assertThat(oauth.statusCode()).isEqualTo(403);
        assertThat(oauth.body()).startsWith("{\"error\":");
        HttpResponse<String> patch = send("PATCH", "/api/v1/admin/accounts/admin", "cross-site", "application/json",
                "{\"enabled\":false}");
        assertThat(patch.statusCode()).isEqualTo(403);
    }

    @Test
    void readsAndSameOriginRequestsAndApiClientsAreServed() throws Exception {
        assertThat(send("GET", "/api/v1/tokens", "cross-site", null, null).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/v1/tokens", "same-origin", "application/json", "{}").statusCode())
                .isEqualTo(201);
        assertThat(send("POST", "/api/v1/tokens", null, "application/json", "{}").statusCode()).isEqualTo(201);
    }

    private HttpResponse<String> send(String method, String path, String fetchSite, String type, String body)
            throws Exception {
        Map<String, String> headers = new LinkedHashMap<>(HttpCalls.headers(ADMIN, type));
        if (fetchSite != null) {
            headers.put("Sec-Fetch-Site", fetchSite);
        }
        return HttpCalls.send(node(), method, path, headers, body);
    }
}
