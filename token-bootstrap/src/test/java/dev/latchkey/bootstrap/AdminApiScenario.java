package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The administration API through the real server: accounts listed and filtered, deleted, their passwords reset and
 * profile fields cleared; any account's tokens listed with the stale-token filters, revoked one by one or all at
 * once; partners listed. Every call is refused to anyone but an administrator.
 */
abstract class AdminApiScenario extends ServiceOnTestDatabase {

    private final String admin = EndToEndScenario.basic(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD);
    private final HttpClient http = HttpClient.newHttpClient();
    private JsonMapper json;

    @BeforeAll
    void organization() throws Exception {
        json = node().context().getBean(JsonMapper.class);
        expect(call("POST", "/api/v1/admin/partners", admin, "{\"id\":77,\"name\":\"Acme\"}"), 201);
        for (String account : List.of(
                "{\"username\":\"ann\",\"password\":\"ann's long password\",\"organization\":\"Blue\"}",
                "{\"username\":\"ben\",\"password\":\"ben's long password\",\"organization\":\"Blue\","
                        + "\"partnerId\":77}",
                "{\"username\":\"cat\",\"password\":\"cat's long password\",\"organization\":\"Green\","
                        + "\"role\":\"admin\"}")) {
            expect(call("POST", "/api/v1/admin/accounts", admin, account), 201);
        }
    }

    @Test
    void accountsAreListedAndFiltered() throws Exception {
        assertThat(usernames("/api/v1/admin/accounts?organization=Blue")).containsExactly("ann", "ben");
        assertThat(usernames("/api/v1/admin/accounts?partnerId=77")).containsExactly("ben");
        assertThat(usernames("/api/v1/admin/accounts?role=admin")).contains("admin", "cat").doesNotContain("ann");
        assertThat(usernames("/api/v1/admin/accounts?organization=Green&enabled=true")).containsExactly("cat");
        Map<String, Object> page = expect(call("GET", "/api/v1/admin/accounts?size=1&page=1", admin, null), 200);
        assertThat((List<?>) page.get("data")).hasSize(1);
        assertThat(((Number) page.get("total")).longValue()).isGreaterThanOrEqualTo(4);
        for (String bad : List.of("role=root", "enabled=yes", "partnerId=x", "size=0", "page=-1")) {
            assertProblem(call("GET", "/api/v1/admin/accounts?" + bad, admin, null), 400);
        }
        assertThat(((List<?>) expect(call("GET", "/api/v1/admin/partners", admin, null), 200).get("data")))
                .singleElement().satisfies(partner -> assertThat(((Map<?, ?>) partner).get("id")).isEqualTo(77));
    }

    @Test
    void aPatchWithNullClearsAFieldAndAnAbsentOneKeepsIt() throws Exception {
        expect(call("POST", "/api/v1/admin/accounts", admin,
                "{\"username\":\"dan\",\"password\":\"dan's long password\",\"partnerId\":77,"
                        + "\"email\":\"dan@example.com\"}"), 201);

        Map<String, Object> cleared = expect(call("PATCH", "/api/v1/admin/accounts/dan", admin,
                "{\"partnerId\":null}"), 200);

        assertThat(cleared.get("partnerId")).isNull();
        assertThat(cleared.get("email")).isEqualTo("dan@example.com");
        assertProblem(call("PATCH", "/api/v1/admin/accounts/dan", admin, "{\"enabled\":\"yes\"}"), 400);
    }

    @Test
    void anyAccountsTokensAreListedWithFiltersAndRevoked() throws Exception {
        String ann = EndToEndScenario.basic("ann", "ann's long password");
        String shortLived = tokenId(expect(call("POST", "/api/v1/tokens", ann, "{\"lifetimeSeconds\":3600}"), 201));
        String longLived = tokenId(expect(call("POST", "/api/v1/tokens", ann, "{\"lifetimeSeconds\":8640000}"), 201));
        String revoked = tokenId(expect(call("POST", "/api/v1/tokens", ann, "{}"), 201));
        assertThat(call("DELETE", "/api/v1/tokens/" + revoked, ann, null).statusCode()).isEqualTo(204);

        assertThat(tokenIds("/api/v1/admin/accounts/ann/tokens?status=active"))
                .containsExactlyInAnyOrder(shortLived, longLived);
        assertThat(tokenIds("/api/v1/admin/accounts/ann/tokens?status=revoked")).containsExactly(revoked);
        assertThat(tokenIds("/api/v1/admin/accounts/ann/tokens?expiringWithin=P7D")).containsExactly(shortLived);
        assertThat(tokenIds("/api/v1/admin/accounts/ann/tokens?unusedFor=P90D")).isEmpty();
        assertThat(tokenIds("/api/v1/admin/tokens?account=ann&status=active&expiringWithin=PT2H"))
                .containsExactly(shortLived);
        assertThat(tokenIds("/api/v1/admin/tokens?status=revoked")).contains(revoked);
        Map<String, Object> own = expect(call("GET", "/api/v1/tokens?status=active&expiringWithin=P7D", ann, null),
                200);
        assertThat(((List<?>) own.get("data"))).hasSize(1);
        for (String bad : List.of("status=dormant", "expiringWithin=7", "unusedFor=-P1D", "expiringWithin=PT0S")) {
            assertProblem(call("GET", "/api/v1/admin/tokens?" + bad, admin, null), 400);
            assertProblem(call("GET", "/api/v1/tokens?" + bad, ann, null), 400);
        }
        assertProblem(call("GET", "/api/v1/admin/accounts/nobody/tokens", admin, null), 404);

        assertThat(call("DELETE", "/api/v1/admin/accounts/ann/tokens/" + shortLived, admin, null).statusCode())
                .isEqualTo(204);
        assertProblem(call("DELETE", "/api/v1/admin/accounts/ben/tokens/" + longLived, admin, null), 404);
        Map<String, Object> cutOff = expect(call("POST", "/api/v1/admin/accounts/ann/tokens/revoke-all", admin,
                null), 200);
        assertThat(cutOff.get("revoked")).isEqualTo(1);
        assertThat(tokenIds("/api/v1/admin/accounts/ann/tokens?status=active")).isEmpty();
    }

    @Test
    void anAccountRevokesAllItsOwnTokensInOneCall() throws Exception {
        String ben = EndToEndScenario.basic("ben", "ben's long password");
        String token = (String) expect(call("POST", "/api/v1/tokens", ben, "{}"), 201).get("token");
        expect(call("POST", "/api/v1/tokens", ben, "{}"), 201);

        Map<String, Object> revoked = expect(call("POST", "/api/v1/tokens/revoke-all",
                EndToEndScenario.bearer(token), null), 200);

        assertThat(revoked.get("revoked")).isEqualTo(2);
        assertThat(call("GET", "/api/v1/tokens/self", EndToEndScenario.bearer(token), null).statusCode())
                .isEqualTo(401);
    }

    @Test
    void aPasswordResetCanRevokeEveryTokenAndDeletionRemovesTheAccount() throws Exception {
        expect(call("POST", "/api/v1/admin/accounts", admin,
                "{\"username\":\"eve\",\"password\":\"eve's long password\"}"), 201);
        String eve = EndToEndScenario.basic("eve", "eve's long password");
        String token = (String) expect(call("POST", "/api/v1/tokens", eve, "{}"), 201).get("token");

        expect(call("POST", "/api/v1/admin/accounts/eve/password", admin,
                "{\"password\":\"eve's new long password\",\"revokeTokens\":true}"), 200);

        assertThat(call("GET", "/api/v1/tokens/self", EndToEndScenario.bearer(token), null).statusCode())
                .isEqualTo(401);
        assertThat(call("GET", "/api/v1/tokens", eve, null).statusCode()).isEqualTo(401);
        String renewed = (String) expect(call("POST", "/api/v1/tokens",
                EndToEndScenario.basic("eve", "eve's new long password"), "{}"), 201).get("token");
        assertProblem(call("POST", "/api/v1/admin/accounts/eve/password", admin, "{\"password\":\"short\"}"), 400);

        assertThat(call("DELETE", "/api/v1/admin/accounts/eve", admin, null).statusCode()).isEqualTo(204);

        assertThat(call("GET", "/api/v1/tokens/self", EndToEndScenario.bearer(renewed), null).statusCode())
                .isEqualTo(401);
        assertProblem(call("GET", "/api/v1/admin/accounts/eve", admin, null), 404);
        assertProblem(call("DELETE", "/api/v1/admin/accounts/eve", admin, null), 404);
        assertProblem(call("DELETE", "/api/v1/admin/accounts/admin", admin, null), 409);
        Map<String, Object> trail = expect(call("GET", "/api/v1/admin/audit?type=account.deleted", admin, null),
                200);
        assertThat(trail.toString()).contains("username=eve");
    }

    @Test
    void noneOfItIsForAnyoneButAnAdministrator() throws Exception {
        String ben = EndToEndScenario.basic("ben", "ben's long password");
        for (String[] call : List.of(new String[] {"GET", "/api/v1/admin/accounts"},
                new String[] {"GET", "/api/v1/admin/partners"}, new String[] {"GET", "/api/v1/admin/tokens"},
                new String[] {"GET", "/api/v1/admin/accounts/ann/tokens"},
                new String[] {"POST", "/api/v1/admin/accounts/ann/tokens/revoke-all"},
                new String[] {"DELETE", "/api/v1/admin/accounts/ann"},
                new String[] {"POST", "/api/v1/admin/accounts/ann/password"})) {
            assertProblem(call(call[0], call[1], ben, call[0].equals("POST") ? "{\"password\":\"x\"}" : null), 403);
            assertProblem(call(call[0], call[1], null, null), 401);
        }
    }

    private List<String> usernames(String path) throws Exception {
        return ((List<?>) expect(call("GET", path, admin, null), 200).get("data")).stream()
                .map(account -> (String) ((Map<?, ?>) account).get("username")).toList();
    }

    private List<String> tokenIds(String path) throws Exception {
        Map<String, Object> listing = expect(call("GET", path, admin, null), 200);
        assertThat(listing).as(path).containsKey("data");
        return ((List<?>) listing.get("data")).stream()
                .map(token -> (String) ((Map<?, ?>) token).get("tokenId")).toList();
    }

    private static String tokenId(Map<String, Object> issued) {
        return (String) ((Map<?, ?>) issued.get("tokenInfo")).get("tokenId");
    }

    private void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private Map<String, Object> expect(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        @SuppressWarnings("unchecked")
        Map<String, Object> body = json.readValue(response.body(), Map.class);
        return body;
    }

    private HttpResponse<String> call(String method, String path, String authorization, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node().url() + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
