package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.json.JsonMapper;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Leaked secrets through the whole service: anyone who finds one reports it and it stops working, with an answer that
 * says nothing of what was reported, at most so often per address; an administrator learns which token any kind of
 * secret is (a personal token, an OAuth access token that is a JWT, a refresh token, a dialect's token).
 */
abstract class LeakedTokensScenario extends ServiceOnTestDatabase {

    private static final int REPORTS_PER_HOUR = 4;
    /** Every node on one store holds its master key; in-memory H2 would otherwise give each node its own. */
    private static final String MASTER_KEY = java.util.Base64.getEncoder().encodeToString(
            new java.security.SecureRandom().generateSeed(32));

    private final String admin = EndToEndScenario.basic(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD);
    private JsonMapper json;

    @Override
    protected Map<String, Object> settings() {
        return Map.of("latchkey.credentials.revoke.requests-per-hour", REPORTS_PER_HOUR,
                "latchkey.oauth.access-token-format", "jwt", "latchkey.issuer", "https://tokens.example.test",
                "latchkey.master-key", MASTER_KEY);
    }

    /** This scenario's settings with a token prefix, and the earlier prefixes, that the installation chose. */
    private Map<String, Object> withPrefix(String prefix, String previousPrefixes) {
        Map<String, Object> settings = new java.util.HashMap<>(settings());
        settings.put("latchkey.token.prefix", prefix);
        settings.put("latchkey.token.previous-prefixes", previousPrefixes);
        return settings;
    }

    private static int self(LatchkeyNode node, String token) throws Exception {
        return HttpCalls.send(node, "GET", "/api/v1/tokens/self", HttpCalls.headers("Bearer " + token, null), null)
                .statusCode();
    }

    @BeforeAll
    void readJson() {
        json = node().context().getBean(JsonMapper.class);
    }

    private Map<String, Object> body(HttpResponse<String> response) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = json.readValue(response.body(), Map.class);
        return parsed;
    }

    private String personalToken() throws Exception {
        HttpResponse<String> issued = HttpCalls.send(node(), "POST", "/api/v1/tokens",
                HttpCalls.headers(admin, "application/json"), "{\"description\":\"ci\"}");
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        return (String) body(issued).get("token");
    }

    private int self(String token) throws Exception {
        return self(node(), token);
    }

    private HttpResponse<String> report(String... credentials) throws Exception {
        return HttpCalls.send(node(), "POST", "/api/v1/credentials/revoke", HttpCalls.headers(null,
                "application/json"), json.writeValueAsString(Map.of("credentials", List.of(credentials))));
    }

    private HttpResponse<String> identify(String authorization, String secret) throws Exception {
        return HttpCalls.send(node(), "POST", "/api/v1/admin/tokens/identify",
                HttpCalls.headers(authorization, "application/json"), json.writeValueAsString(Map.of("token", secret)));
    }

    private String audit(String type) throws Exception {
        return HttpCalls.send(node(), "GET", "/api/v1/admin/audit?type=" + type, HttpCalls.headers(admin, null),
                null).body();
    }

    @Test
    void anyoneWhoFindsASecretMakesItStopWorkingLearnsNothingAndIsLimited() throws Exception {
        String leaked = personalToken();
        assertThat(self(leaked)).isEqualTo(200);

        HttpResponse<String> first = report(leaked);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(self(leaked)).as("dead once reported").isEqualTo(401);
        String unknown = "lk_" + "A".repeat(49);
        HttpResponse<String> second = report(leaked, unknown, "garbage");
        assertThat(second.statusCode()).isEqualTo(202);
        assertThat(second.body()).as("the same answer whatever was reported").isEqualTo(first.body());
        String trail = audit("token.leaked");
        assertThat(trail).contains("source=public\\\\u0020report").doesNotContain(leaked);

        for (int made = 2; made < REPORTS_PER_HOUR; made++) {
            assertThat(report("garbage").statusCode()).isEqualTo(202);
        }
        String spared = personalToken();
        HttpResponse<String> limited = report(spared);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
                assertThat(Long.parseLong(seconds)).isPositive());
        assertThat(self(spared)).as("a refused report revokes nothing").isEqualTo(200);
        assertThat(HttpCalls.send(node(), "POST", "/api/v1/secret-scanning/github", HttpCalls.headers(null,
                "application/json"), "[]").statusCode()).as("GitHub's endpoint is off unless configured")
                .isEqualTo(404);
    }

    @Test
    void anAdministratorLearnsWhichTokenEveryKindOfSecretIs() throws Exception {
        String personal = personalToken();
        Map<String, Object> granted = body(HttpCalls.send(node(), "POST", "/oauth2/token",
                Map.of("Content-Type", "application/x-www-form-urlencoded"), "grant_type=password&username="
                        + LatchkeyNode.ADMIN + "&password=" + LatchkeyNode.ADMIN_PASSWORD));
        String jwtAccess = (String) granted.get("access_token");
        String refresh = (String) granted.get("refresh_token");
        String dialect = (String) body(HttpCalls.send(node(), "POST", "/ds-api/user-token",
                HttpCalls.headers(admin, null), null)).get("user-token");
        assertThat(jwtAccess).startsWith("eyJ");

        Map<String, String> kinds = Map.of(personal, "personal", jwtAccess, "access", refresh, "refresh");
        for (Map.Entry<String, String> secret : kinds.entrySet()) {
            HttpResponse<String> identified = identify(admin, secret.getKey());
            assertThat(identified.statusCode()).as(identified.body()).isEqualTo(200);
            assertThat(body(identified)).containsEntry("kind", secret.getValue())
                    .containsEntry("username", LatchkeyNode.ADMIN).containsEntry("status", "active");
        }
        HttpResponse<String> ofDialect = identify(admin, dialect);
        assertThat(ofDialect.statusCode()).as(ofDialect.body()).isEqualTo(200);
        assertThat(body(ofDialect)).containsEntry("username", LatchkeyNode.ADMIN);

        assertThat(identify(admin, "lk_" + "B".repeat(49)).statusCode()).isEqualTo(404);
        HttpCalls.send(node(), "POST", "/api/v1/admin/accounts", HttpCalls.headers(admin, "application/json"),
                "{\"username\":\"finder\",\"password\":\"finder-long-password\"}");
        assertThat(identify(EndToEndScenario.basic("finder", "finder-long-password"), personal).statusCode())
                .isEqualTo(403);
        String trail = audit("token.identified");
        assertThat(trail).contains("fingerprint=").doesNotContain(personal).doesNotContain(refresh);
    }

    @Test
    void tokensIssuedBeforeAPrefixChangeKeepWorkingAndNewOnesCarryTheNewPrefix() throws Exception {
        String before = personalToken();
        assertThat(before).startsWith("lk_");

        try (LatchkeyNode renamed = new LatchkeyNode(datasource(), withPrefix("acme_lk_", "lk_"))) {
            HttpResponse<String> issued = HttpCalls.send(renamed, "POST", "/api/v1/tokens",
                    HttpCalls.headers(admin, "application/json"), "{\"description\":\"after the change\"}");
            assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
            String after = (String) body(issued).get("token");

            assertThat(after).startsWith("acme_lk_").hasSize("acme_lk_".length() + 49);
            assertThat(self(renamed, before)).as("issued before the change").isEqualTo(200);
            assertThat(self(renamed, after)).isEqualTo(200);
            assertThat(HttpCalls.send(renamed, "POST", "/api/v1/admin/tokens/identify",
                    HttpCalls.headers(admin, "application/json"), json.writeValueAsString(Map.of("token", after)))
                    .statusCode()).as("found by its secret with the new prefix, as a leak report finds it").isEqualTo(200);

            try (LatchkeyNode forgetful = new LatchkeyNode(datasource(), withPrefix("acme_lk_", ""))) {
                assertThat(self(forgetful, before)).as("a prefix dropped from the list is no longer accepted")
                        .isEqualTo(401);
                assertThat(self(forgetful, after)).isEqualTo(200);
            }

        }
    }

    @Test
    void aPrefixAScannerCouldNotMatchStopsTheStartWithWhatToSet() {
        for (String prefix : List.of("acme lk_", "lkc_", "a-prefix-far-too-long-to-keep")) {
            assertThatThrownBy(() -> new LatchkeyNode(datasource(), withPrefix(prefix, "lk_")).close()).as(prefix)
                    .hasStackTraceContaining("latchkey.token.prefix: ");
        }
        assertThatThrownBy(() -> new LatchkeyNode(datasource(), withPrefix("acme_lk_", "lk_,bad prefix")).close())
                .hasStackTraceContaining("latchkey.token.previous-prefixes: ");
    }
}
