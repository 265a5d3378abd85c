package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every change of a token's state, through every surface that makes one, appears in the audit trail exactly once:
 * issue, use, rotate, refresh, a refresh-token replay's cascade, a supersession, a revocation and an account disabled.
 * Driven through the real server, and read back through the audit API.
 */
abstract class AuditTrailScenario extends ServiceOnTestDatabase {

    private static final String ALICE_PASSWORD = "alice's long password";
    private final String admin = EndToEndScenario.basic(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD);
    private final String alice = EndToEndScenario.basic("alice", ALICE_PASSWORD);
    private JsonMapper json;

    @Override
    protected Map<String, Object> settings() {
        return Map.of("latchkey.audit.count-interval", "200ms", "latchkey.oauth.refresh-token-reuse-leeway", "0s");
    }

    @BeforeAll
    void createAlice() throws Exception {
        json = node().context().getBean(JsonMapper.class);
        assertThat(call("POST", "/api/v1/admin/accounts", admin, "application/json",
                "{\"username\":\"alice\",\"password\":\"" + ALICE_PASSWORD + "\"}").statusCode()).isEqualTo(201);
    }

    @Test
    void everyStateChangeAppearsExactlyOnce() throws Exception {
        // Issue, use three times, rotate with an overlap, then revoke the retiring token early.
        Map<String, Object> personal = body(call("POST", "/api/v1/tokens", alice, "application/json",
                "{\"description\":\"laptop\"}"), 201);
        String personalId = (String) ((Map<?, ?>) personal.get("tokenInfo")).get("tokenId");
        for (int use = 0; use < 3; use++) {
            assertThat(call("GET", "/api/v1/tokens/self", EndToEndScenario.bearer((String) personal.get("token")),
                    null, null).statusCode()).isEqualTo(200);
        }
        body(call("POST", "/api/v1/tokens/" + personalId + "/rotate", alice, "application/json",
                "{\"overlapSeconds\":3600}"), 201);
        assertThat(call("DELETE", "/api/v1/tokens/" + personalId, alice, null, null).statusCode()).isEqualTo(204);
        // The Sample Token API's rule: each new token supersedes the last.
        for (int call = 0; call < 2; call++) {
            body(call("POST", "/Token", null, "application/x-www-form-urlencoded",
                    "grant_type=password&username=alice&password=" + URLEncoder.encode(ALICE_PASSWORD,
                            StandardCharsets.UTF_8)), 200);
        }
        // A grant, refreshed once, and the spent refresh token replayed: the grant is revoked.
        Map<String, Object> client = body(call("POST", "/api/v1/clients", admin, "application/json",
                "{\"name\":\"cli\",\"type\":\"public\",\"grantTypes\":[\"password\",\"refresh_token\",\"urn:ietf:params:oauth:grant-type:token-exchange\"]}"), 201);
        String form = "client_id=" + client.get("clientId") + "&grant_type=";
        Map<String, Object> granted = body(call("POST", "/oauth2/token", null, "application/x-www-form-urlencoded",
                form + "password&username=alice&password=" + URLEncoder.encode(ALICE_PASSWORD,
                        StandardCharsets.UTF_8)), 200);
        String refresh = form + "refresh_token&refresh_token=" + granted.get("refresh_token");
        body(call("POST", "/oauth2/token", null, "application/x-www-form-urlencoded", refresh), 200);
        Thread.sleep(50);
        assertThat(call("POST", "/oauth2/token", null, "application/x-www-form-urlencoded", refresh).statusCode())
                .isEqualTo(400);
        // A refused login and a refused token, then the account disabled: what is left is revoked.
        assertThat(call("GET", "/api/v1/tokens", EndToEndScenario.basic("alice", "wrong password!"), null, null)
                .statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/v1/tokens/self", EndToEndScenario.bearer("lk_not-a-real-token"), null, null)
                .statusCode()).isEqualTo(401);
        List<String> aliceTokens = tokenIdsOf(alice);
        body(call("PATCH", "/api/v1/admin/accounts/alice", admin, "application/json", "{\"enabled\":false}"), 200);

        List<Map<String, Object>> trail = eventually(() -> events("/api/v1/admin/audit?account=alice&size=100"),
                events -> uses(events) == 3 && types(events).contains("login.failed"));

        assertThat(aliceTokens).hasSize(8);
        Map<String, Long> issued = perToken(trail, "token.issued");
        Map<String, Long> revoked = perToken(trail, "token.revoked");
        assertThat(issued).as("each token issued once").containsOnlyKeys(aliceTokens).allSatisfy(
                (token, times) -> assertThat(times).isEqualTo(1));
        assertThat(revoked).as("each token revoked once").containsOnlyKeys(aliceTokens).allSatisfy(
                (token, times) -> assertThat(times).isEqualTo(1));
        assertThat(perToken(trail, "token.rotated")).containsOnlyKeys(personalId).containsValue(1L);
        assertThat(perToken(trail, "token.refreshed")).hasSize(1);
        assertThat(perToken(trail, "refresh_token.reused")).hasSize(1);
        assertThat(perToken(trail, "token.used")).as("uses, coalesced").containsOnlyKeys(personalId);
        assertThat(uses(trail)).isEqualTo(3);
        assertThat(details(trail, "token.revoked")).contains("reason=REQUESTED", "reason=SUPERSEDED",
                "reason=REFRESH_TOKEN_REUSED", "reason=ACCOUNT_DISABLED");
        assertThat(types(trail)).contains("account.created", "account.changed", "login.failed");
        assertThat(types(events("/api/v1/admin/audit?type=token.refused&size=100"))).containsOnly("token.refused");
        assertThat(trail.toString()).as("no secret in the trail").doesNotContain(ALICE_PASSWORD,
                (String) personal.get("token"), "lk_not-a-real-token");
    }

    @Test
    void aUserReadsOnlyTheirOwnEventsAndBadFiltersAreProblems() throws Exception {
        assertThat(call("POST", "/api/v1/admin/accounts", admin, "application/json",
                "{\"username\":\"bob\",\"password\":\"bob's long password\"}").statusCode()).isEqualTo(201);
        String bob = EndToEndScenario.basic("bob", "bob's long password");
        body(call("POST", "/api/v1/tokens", bob, "application/json", "{}"), 201);

        Map<String, Object> own = body(call("GET", "/api/v1/audit?type=token.issued", bob, null, null), 200);
        assertThat((List<?>) own.get("data")).singleElement();
        assertThat(call("GET", "/api/v1/admin/audit", bob, null, null).statusCode()).isEqualTo(403);
        for (String bad : List.of("type=token.exploded", "since=yesterday", "tokenId=42", "size=0", "page=x",
                "since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z")) {
            HttpResponse<String> refused = call("GET", "/api/v1/audit?" + bad, bob, null, null);
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).as(bad).hasValue("application/problem+json");
        }
        assertThat(call("GET", "/api/v1/admin/audit?account=nobody", admin, null, null).statusCode()).isEqualTo(404);
        Map<String, Object> recent = body(call("GET", "/api/v1/admin/audit?account=bob&since=PT1H", admin, null, null),
                200);
        assertThat(((Number) recent.get("total")).longValue()).isGreaterThanOrEqualTo(2);
    }

    private List<String> tokenIdsOf(String authorization) throws Exception {
        Map<String, Object> listing = body(call("GET", "/api/v1/tokens?size=100", authorization, null, null), 200);
        return ((List<?>) listing.get("data")).stream().map(token -> (String) ((Map<?, ?>) token).get("tokenId"))
                .toList();
    }

    private List<Map<String, Object>> events(String path) throws Exception {
        List<?> data = (List<?>) body(call("GET", path, admin, null, null), 200).get("data");
        return data.stream().map(event -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> entry = (Map<String, Object>) event;
            return entry;
        }).toList();
    }

    private static Map<String, Long> perToken(List<Map<String, Object>> trail, String type) {
        return trail.stream().filter(event -> type.equals(event.get("type")))
                .collect(Collectors.groupingBy(event -> (String) event.get("tokenId"), Collectors.counting()));
    }

    private static long uses(List<Map<String, Object>> trail) {
        return trail.stream().filter(event -> "token.used".equals(event.get("type")))
                .mapToLong(event -> ((Number) event.get("count")).longValue()).sum();
    }

    private static Set<String> details(List<Map<String, Object>> trail, String type) {
        return trail.stream().filter(event -> type.equals(event.get("type")))
                .map(event -> (String) event.get("detail")).collect(Collectors.toSet());
    }

    private static List<Object> types(List<Map<String, Object>> trail) {
        return trail.stream().map(event -> event.get("type")).toList();
    }

    private interface Read<T> {
        T read() throws Exception;
    }

    private static <T> T eventually(Read<T> read, java.util.function.Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        T value = read.read();
        while (!done.test(value) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            value = read.read();
        }
        return value;
    }

    private Map<String, Object> body(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = json.readValue(response.body(), Map.class);
        return parsed;
    }

    private HttpResponse<String> call(String method, String path, String authorization, String contentType,
                                      String body) throws Exception {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(node().url() + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(method, body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(body));
        return java.net.http.HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
