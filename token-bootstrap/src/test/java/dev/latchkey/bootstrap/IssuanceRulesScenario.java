package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The holes a second black-box attack found, each as the request that showed it, through the real server: policies
 * on every path to a token, delegates that outlived their delegator, a dropped audience, a bypassed active-token limit
 * and a reserved scope that outlived a demotion.
 */
abstract class IssuanceRulesScenario extends ServiceOnTestDatabase {

    static final String ADMIN = EndToEndScenario.basic(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD);
    private static final String STRICT = "{\"maximumLifetimeSeconds\":600,\"defaultLifetimeSeconds\":300,"
            + "\"neverExpiringRoles\":[],\"allowedScopes\":[\"read\"]}";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final int MAXIMUM_ACTIVE = 25;
    private static final int TOKENS_PER_MINUTE = 40;
    private JsonMapper json;
    private String client;

    @BeforeAll
    void registerClient() throws Exception {
        json = node().context().getBean(JsonMapper.class);
        Map<String, Object> registered = expect(send("POST", "/api/v1/clients", ADMIN, "application/json",
                "{\"name\":\"gateway\",\"grantTypes\":[\"password\",\"refresh_token\","
                        + "\"urn:ietf:params:oauth:grant-type:token-exchange\"]}"), 201);
        client = EndToEndScenario.basic((String) registered.get("clientId"), (String) registered.get("clientSecret"));
    }

    private String account(String username, String organization) throws Exception {
        expect(send("POST", "/api/v1/admin/accounts", ADMIN, "application/json", "{\"username\":\"" + username
                + "\",\"password\":\"" + username + "'s long password\""
                + (organization == null ? "" : ",\"organization\":\"" + organization + "\"") + "}"), 201);
        return EndToEndScenario.basic(username, username + "'s long password");
    }

    @Test
    void anOrganizationsPolicyGovernsEveryGrantAndEveryDialect() throws Exception {
        account("olga", "Strict");
        expect(send("PUT", "/api/v1/admin/policies/organizations/Strict", ADMIN, "application/json", STRICT), 200);

        HttpResponse<String> widened = form("/oauth2/token", client,
                "grant_type=password&username=olga&password=olga's long password&scope=write admin");
        assertThat(widened.statusCode()).isEqualTo(400);
        assertThat(widened.body()).contains("invalid_scope").contains("allowed-scopes");

        Map<String, Object> granted = expect(form("/oauth2/token", client,
                "grant_type=password&username=olga&password=olga's long password&scope=read"), 200);
        assertThat(((Number) granted.get("expires_in")).longValue()).isLessThanOrEqualTo(600);
        assertThat(secondsLeft(granted.get("refresh_token"))).isLessThanOrEqualTo(600);

        Map<String, Object> refreshed = expect(form("/oauth2/token", client, "grant_type=refresh_token&refresh_token="
                + granted.get("refresh_token")), 200);
        assertThat(((Number) refreshed.get("expires_in")).longValue()).isLessThanOrEqualTo(600);
        assertThat(secondsLeft(refreshed.get("refresh_token"))).isLessThanOrEqualTo(600);

        Map<String, Object> mastersIndia = expect(send("POST", "/api/v1/token-auth/", null, "application/json",
                "{\"username\":\"olga\",\"password\":\"olga's long password\"}"), 200);
        assertThat(secondsLeft(mastersIndia.get("token"))).isLessThanOrEqualTo(600);
        assertThat(secondsLeft(mastersIndia.get("refresh token"))).isLessThanOrEqualTo(600);

        // A token made before the policy, with a scope it now forbids, is neither exchanged nor rotated.
        expect(send("DELETE", "/api/v1/admin/policies/organizations/Strict", ADMIN, null, null), 204);
        Map<String, Object> wide = expect(send("POST", "/api/v1/tokens", EndToEndScenario.basic("olga",
                "olga's long password"), "application/json", "{\"scopes\":[\"write\"],\"lifetimeSeconds\":300}"), 201);
        expect(send("PUT", "/api/v1/admin/policies/organizations/Strict", ADMIN, "application/json", STRICT), 200);
        HttpResponse<String> exchanged = form("/oauth2/token", client,
                "grant_type=urn:ietf:params:oauth:grant-type:token-exchange&subject_token=" + wide.get("token")
                        + "&subject_token_type=urn:ietf:params:oauth:token-type:access_token");
        assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(400);
        assertThat(exchanged.body()).contains("invalid_scope");
        HttpResponse<String> rotated = send("POST", "/api/v1/tokens/" + tokenId(wide) + "/rotate",
                EndToEndScenario.basic("olga", "olga's long password"), "application/json", "{}");
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(403);
        assertThat(rotated.body()).contains("allowed-scopes");
    }

    @Test
    void theDefaultPolicyGovernsAClientsOwnTokens() throws Exception {
        Map<String, Object> service = expect(send("POST", "/api/v1/clients", ADMIN, "application/json",
                "{\"name\":\"reporter\",\"grantTypes\":[\"client_credentials\"]}"), 201);
        String reporter = EndToEndScenario.basic((String) service.get("clientId"),
                (String) service.get("clientSecret"));
        expect(send("PUT", "/api/v1/admin/policies/default", ADMIN, "application/json",
                "{\"maximumLifetimeSeconds\":600}"), 200);
        try {
            Map<String, Object> granted = expect(form("/oauth2/token", reporter, "grant_type=client_credentials"),
                    200);
            assertThat(((Number) granted.get("expires_in")).longValue()).isLessThanOrEqualTo(600);
        } finally {
            send("DELETE", "/api/v1/admin/policies/default", ADMIN, null, null);
        }
    }

    @Test
    void tokensMadeWithATokenDieWithItWhateverTheSurface() throws Exception {
        String dan = account("dan", null);
        Map<String, Object> parent = expect(send("POST", "/api/v1/tokens", dan, "application/json",
                "{\"lifetimeSeconds\":-1}"), 201);
        String bearer = EndToEndScenario.bearer((String) parent.get("token"));
        Map<String, Object> nativeChild = expect(send("POST", "/api/v1/tokens", bearer, "application/json",
                "{\"lifetimeSeconds\":-1}"), 201);
        Map<String, Object> trifactaChild = expect(send("POST", "/v4/apiAccessTokens", bearer, "application/json",
                "{\"lifetimeSeconds\":-1,\"description\":\"ci\"}"), 201);
        Map<String, Object> grandchild = expect(send("POST", "/api/v1/tokens",
                EndToEndScenario.bearer((String) nativeChild.get("token")), "application/json", "{}"), 201);
        Map<String, Object> exchanged = expect(form("/oauth2/token", client,
                "grant_type=urn:ietf:params:oauth:grant-type:token-exchange&subject_token=" + parent.get("token")
                        + "&subject_token_type=urn:ietf:params:oauth:token-type:access_token"), 200);

        assertThat(send("DELETE", "/api/v1/tokens/" + tokenId(parent), dan, null, null).statusCode()).isEqualTo(204);

        assertThat(self(parent.get("token"))).isEqualTo(401);
        assertThat(self(nativeChild.get("token"))).isEqualTo(401);
        assertThat(self(grandchild.get("token"))).isEqualTo(401);
        assertThat(self(exchanged.get("access_token"))).isEqualTo(401);
        String trifactaValue = (String) trifactaChild.get("tokenValue");
        assertThat(send("GET", "/v4/apiAccessTokens", EndToEndScenario.bearer(trifactaValue), null, null)
                .statusCode()).isEqualTo(401);
        assertThat(expect(send("GET", "/api/v1/admin/audit?type=token.revoked", ADMIN, null, null), 200).toString())
                .contains("DELEGATOR_REVOKED");
    }

    @Test
    void aTokensDelegatesEndWithItsRotationsOverlap() throws Exception {
        String rita = account("rita", null);
        Map<String, Object> parent = expect(send("POST", "/api/v1/tokens", rita, "application/json",
                "{\"lifetimeSeconds\":-1}"), 201);
        Map<String, Object> child = expect(send("POST", "/api/v1/tokens",
                EndToEndScenario.bearer((String) parent.get("token")), "application/json", "{}"), 201);

        expect(send("POST", "/api/v1/tokens/" + tokenId(parent) + "/rotate", rita, "application/json",
                "{\"overlapSeconds\":0}"), 201);

        assertThat(self(child.get("token"))).isEqualTo(401);
    }

    @Test
    void aDelegateKeepsItsDelegatorsAudience() throws Exception {
        String ada = account("ada", null);
        Map<String, Object> root = expect(send("POST", "/api/v1/tokens", ada, "application/json", "{}"), 201);
        Map<String, Object> narrowed = expect(form("/oauth2/token", client,
                "grant_type=urn:ietf:params:oauth:grant-type:token-exchange&subject_token=" + root.get("token")
                        + "&subject_token_type=urn:ietf:params:oauth:token-type:access_token"
                        + "&audience=https://a.example"), 200);

        Map<String, Object> child = expect(send("POST", "/api/v1/tokens",
                EndToEndScenario.bearer((String) narrowed.get("access_token")), "application/json", "{}"), 201);

        assertThat(introspect(child.get("token"))).containsEntry("active", true)
                .containsEntry("aud", "https://a.example");
    }

    @Test
    void theActiveTokenLimitHoldsForOverlappingRotationsAndConcurrentIssues() throws Exception {
        String lee = account("lee", "Limited");
        expect(send("PUT", "/api/v1/admin/policies/organizations/Limited", ADMIN, "application/json",
                "{\"maximumLifetimeSeconds\":31536000,\"neverExpiringRoles\":[\"user\"],\"maximumActiveTokens\":3}"),
                200);
        Map<String, Object> token = expect(send("POST", "/api/v1/tokens", lee, "application/json",
                "{\"lifetimeSeconds\":-1}"), 201);
        List<Integer> rotations = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            HttpResponse<String> rotated = send("POST", "/api/v1/tokens/" + tokenId(token) + "/rotate", lee,
                    "application/json", "{\"overlapSeconds\":2592000}");
            rotations.add(rotated.statusCode());
            if (rotated.statusCode() == 201) {
                token = json.readValue(rotated.body(), Map.class);
            } else {
                assertThat(rotated.body()).contains("maximum-active-tokens");
            }
        }
        assertThat(rotations).containsExactly(201, 201, 409, 409, 409);
        assertThat(activeTokens(lee)).isEqualTo(3);

        // Without an overlap a rotation adds nothing, so it is allowed at the limit.
        expect(send("POST", "/api/v1/tokens/" + tokenId(token) + "/rotate", lee, "application/json",
                "{\"overlapSeconds\":0}"), 201);

        String leo = account("leo", "Limited");
        String parent = (String) expect(send("POST", "/api/v1/tokens", leo, "application/json",
                "{\"lifetimeSeconds\":-1}"), 201).get("token");
        ExecutorService issuers = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> issued = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                issued.add(issuers.submit(() -> send("POST", "/api/v1/tokens", EndToEndScenario.bearer(parent),
                        "application/json", "{}").statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : issued) {
                statuses.add(status.get(60, TimeUnit.SECONDS));
            }
            assertThat(statuses.stream().filter(status -> status == 201).count()).isEqualTo(2);
            assertThat(statuses).allMatch(status -> status == 201 || status == 409);
        } finally {
            issuers.shutdownNow();
        }
        assertThat(activeTokens(leo)).isEqualTo(3);
    }

    @Test
    void aDemotedAdministratorsReservedScopeIsGoneForGood() throws Exception {
        account("ivy", null);
        expect(send("PATCH", "/api/v1/admin/accounts/ivy", ADMIN, "application/json", "{\"role\":\"admin\"}"), 200);
        String ivy = EndToEndScenario.basic("ivy", "ivy's long password");
        Map<String, Object> introspector = expect(send("POST", "/api/v1/tokens", ivy, "application/json",
                "{\"scopes\":[\"introspect\"]}"), 201);
        Map<String, Object> grant = expect(form("/oauth2/token", client,
                "grant_type=password&username=ivy&password=ivy's long password&scope=introspect"), 200);

        expect(send("PATCH", "/api/v1/admin/accounts/ivy", ADMIN, "application/json", "{\"role\":\"user\"}"), 200);
        HttpResponse<String> refreshed = form("/oauth2/token", client, "grant_type=refresh_token&refresh_token="
                + grant.get("refresh_token"));
        assertThat(refreshed.statusCode()).isEqualTo(400);
        HttpResponse<String> rotated = send("POST", "/api/v1/tokens/" + tokenId(introspector) + "/rotate", ivy,
                "application/json", "{}");
        assertThat(rotated.statusCode()).as(rotated.body()).isIn(403, 409);

        expect(send("PATCH", "/api/v1/admin/accounts/ivy", ADMIN, "application/json", "{\"role\":\"admin\"}"), 200);
        assertThat(self(introspector.get("token"))).isEqualTo(401);
        assertThat(form("/oauth2/token", client, "grant_type=refresh_token&refresh_token="
                + grant.get("refresh_token")).statusCode()).isEqualTo(400);
    }

    @Test
    void aPasswordResetEndsTheAccountsConsoleSessions() throws Exception {
        account("jack", null);
        ConsoleHttpClient browser = new ConsoleHttpClient(node());
        assertThat(browser.signIn("jack", "jack's long password").statusCode()).isEqualTo(303);
        assertThat(browser.get("/console/tokens").statusCode()).isEqualTo(200);

        expect(send("POST", "/api/v1/admin/accounts/jack/password", ADMIN, "application/json",
                "{\"password\":\"jack's new long password\"}"), 200);

        HttpResponse<String> after = browser.get("/console/tokens");
        assertThat(after.statusCode()).isEqualTo(303);
        assertThat(after.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).startsWith("/console/sign-in"));
        assertThat(browser.post("/console/tokens", Map.of("description", "after reset", "lifetime", "never"),
                Map.of()).statusCode()).isNotIn(200, 201);

        // The same for a PATCH that sets the password, even to the same one: a new hash has a new salt.
        assertThat(browser.signIn("jack", "jack's new long password").statusCode()).isEqualTo(303);
        expect(send("PATCH", "/api/v1/admin/accounts/jack", ADMIN, "application/json",
                "{\"password\":\"jack's new long password\"}"), 200);
        assertThat(browser.get("/console/tokens").statusCode()).isEqualTo(303);
    }

    @Test
    void theConsoleRefusesAFormAnotherSitesPagePostsEvenWithItsFormToken() throws Exception {
        String cal = account("cal", null);
        ConsoleHttpClient browser = new ConsoleHttpClient(node());
        assertThat(browser.signIn("cal", "cal's long password").statusCode()).isEqualTo(303);
        Map<String, String> form = Map.of("description", "cross", "lifetime", "never");

        for (Map<String, String> crossSite : List.of(Map.of("Sec-Fetch-Site", "cross-site"),
                Map.of("Origin", "https://evil.example"))) {
            HttpResponse<String> refused = browser.postWithFormToken("/console/tokens", form, crossSite);
            assertThat(refused.statusCode()).as(crossSite.toString()).isEqualTo(403);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("text/html"));
        }
        assertThat(activeTokens(cal)).isZero();

        // The console's own pages post with no referrer, so their forms carry "Origin: null".
        assertThat(browser.postWithFormToken("/console/tokens", form, Map.of("Origin", "null",
                "Sec-Fetch-Site", "same-origin")).statusCode()).isEqualTo(201);
        assertThat(activeTokens(cal)).isEqualTo(1);
    }

    @Override
    protected Map<String, Object> settings() {
        return Map.of("latchkey.audit.count-interval", "3s",
                "latchkey.issuance.maximum-active-tokens-per-account", MAXIMUM_ACTIVE,
                "latchkey.issuance.per-account.tokens-per-minute", TOKENS_PER_MINUTE);
    }

    @Test
    @SuppressWarnings("unchecked")
    void refusedTokensAreRecordedByTheirAddressAndOneAddressCannotFillTheTrail() throws Exception {
        String marker = "lk_garbage" + System.nanoTime();
        for (int i = 0; i < 60; i++) {
            assertThat(self(marker + i)).isEqualTo(401);
        }
        Thread.sleep(4_000);

        List<Map<String, Object>> refused = (List<Map<String, Object>>) expect(send("GET",
                "/api/v1/admin/audit?type=token.refused&since=PT1M&size=100", ADMIN, null, null), 200).get("data");
        assertThat(refused).isNotEmpty().noneMatch(event -> String.valueOf(event.get("actor")).endsWith(":-"));
        Set<String> fingerprints = java.util.stream.IntStream.range(0, 60).mapToObj(i -> "fingerprint="
                + dev.latchkey.domain.SecretHash.of(marker + i).toHex().substring(0, 12)).collect(Collectors.toSet());
        List<Map<String, Object>> itemised = refused.stream().filter(event -> fingerprints.stream()
                .anyMatch(String.valueOf(event.get("detail"))::contains)).toList();
        // Two intervals at most for a burst this short, each itemising at most 20 distinct refusals per address.
        assertThat(itemised).isNotEmpty().hasSizeLessThanOrEqualTo(40);
        assertThat(refused).anyMatch(event -> String.valueOf(event.get("detail")).startsWith("more distinct events"));
    }

    @Test
    void anAccountHoldsNoMoreActiveTokensThanTheConfiguredCeilingWhateverItsPolicy() throws Exception {
        String rae = account("rae", null);
        for (int i = 0; i < MAXIMUM_ACTIVE; i++) {
            expect(send("POST", "/api/v1/tokens", rae, "application/json", "{\"lifetimeSeconds\":3600}"), 201);
        }
        HttpResponse<String> refused = send("POST", "/api/v1/tokens", rae, "application/json", "{}");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("maximum-active-tokens").contains("at most " + MAXIMUM_ACTIVE);
    }

    @Test
    void anAccountsAllowanceOfNewTokensIsSharedByEverySurfaceAndRefusedInEachShape() throws Exception {
        String ray = account("ray", null);
        int granted = 0;
        HttpResponse<String> grant;
        long firstAt = System.nanoTime();
        do {
            grant = form("/oauth2/token", client, "grant_type=password&username=ray&password=ray's long password");
            granted += grant.statusCode() == 200 ? 2 : 0;
        } while (grant.statusCode() == 200 && granted < 2 * TOKENS_PER_MINUTE);
        assertThat(grant.statusCode()).isEqualTo(429);
        assertThat(grant.body()).contains("\"error\"");
        assertThat(grant.headers().firstValue("Retry-After")).isPresent();
        double refilledMeanwhile = (System.nanoTime() - firstAt) / 1e9 * TOKENS_PER_MINUTE / 60.0;
        assertThat(granted).isLessThanOrEqualTo(TOKENS_PER_MINUTE + (int) Math.ceil(refilledMeanwhile) + 1);

        // The allowance refills evenly, a token every 1.5 s: on a slow machine one may have come back meanwhile, so
        // each surface may get what refilled since the refusal, and no more, before it is refused too.
        long spentAt = System.nanoTime();
        HttpResponse<String> nativeIssue = untilRefused(spentAt, () -> send("POST", "/api/v1/tokens", ray,
                "application/json", "{}"));
        assertThat(nativeIssue.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        HttpResponse<String> trifacta = untilRefused(spentAt, () -> send("POST", "/v4/apiAccessTokens", ray,
                "application/json", "{\"lifetimeSeconds\":60,\"description\":\"x\"}"));
        assertThat(trifacta.body()).doesNotContain("urn:latchkey");
    }

    /** Sends until refused with 429, allowing only as many successes as the allowance refilled since spentAt. */
    private static HttpResponse<String> untilRefused(long spentAt, java.util.concurrent.Callable<HttpResponse<String>>
            request) throws Exception {
        int issued = 0;
        while (true) {
            HttpResponse<String> response = request.call();
            if (response.statusCode() == 429) {
                return response;
            }
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            issued++;
            double refilled = (System.nanoTime() - spentAt) / 1e9 * TOKENS_PER_MINUTE / 60.0;
            assertThat(issued).as("tokens issued after the allowance was spent, %.1f refilled", refilled)
                    .isLessThanOrEqualTo((int) Math.ceil(refilled) + 1);
        }
    }

    @Test
    void aUsernameThatIsADotSegmentIsRefused() throws Exception {
        for (String dots : List.of(".", "..")) {
            HttpResponse<String> refused = send("POST", "/api/v1/admin/accounts", ADMIN, "application/json",
                    "{\"username\":\"" + dots + "\",\"password\":\"a long enough password\"}");
            assertThat(refused.statusCode()).as(dots).isEqualTo(400);
            assertThat(refused.body()).contains("username");
        }
    }

    @Test
    void theConsoleSignsInOnlyWithAFormTokenTheServerIssued() throws Exception {
        account("finn", null);
        ConsoleHttpClient attacker = new ConsoleHttpClient(node());
        HttpResponse<String> planted = attacker.post("/console/sign-in", Map.of("username", "finn", "password",
                "finn's long password", "signin", "chosen-by-attacker"),
                Map.of("Cookie", "latchkey_console_sign_in=chosen-by-attacker"));
        assertThat(planted.statusCode()).isEqualTo(403);
        assertThat(planted.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("latchkey_console="));

        assertThat(new ConsoleHttpClient(node()).signIn("finn", "finn's long password").statusCode()).isEqualTo(303);
    }

    @Test
    void theConsoleHoldsASignInRefusedByASpentAllowanceAsLongAsTheApiDoes() throws Exception {
        account("gus", null);
        ConsoleHttpClient guesser = new ConsoleHttpClient(node());
        HttpResponse<String> refused;
        int attempts = 0;
        do {
            refused = guesser.signIn("gus", "wrong guess " + attempts++);
        } while (refused.statusCode() == 401 && attempts < 50);
        assertThat(refused.statusCode()).isEqualTo(429);

        long started = System.nanoTime();
        HttpResponse<String> held = guesser.signIn("gus", "another guess");
        long heldMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(held.statusCode()).isEqualTo(429);
        assertThat(heldMillis).as("the refusal is held").isGreaterThanOrEqualTo(800);
    }

    @Test
    void everyDurationAndInstantParameterIsRangeChecked() throws Exception {
        String tom = account("tom", null);
        for (String query : List.of("since=P999999999999D", "since=PT9223372036854775807S", "until=P999999999999D",
                "since=-1000000000-01-01T00:00:00Z", "until=+1000000000-12-31T23:59:59Z")) {
            for (String path : List.of("/api/v1/audit?", "/api/v1/admin/audit?")) {
                HttpResponse<String> response = send("GET", path + query, path.contains("admin") ? ADMIN : tom,
                        null, null);
                assertThat(response.statusCode()).as(path + query + " " + response.body()).isEqualTo(400);
                assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            }
        }
        for (String query : List.of("expiringWithin=P999999999999D", "unusedFor=PT9223372036854775807S")) {
            HttpResponse<String> response = send("GET", "/api/v1/tokens?" + query, tom, null, null);
            assertThat(response.statusCode()).as(query + " " + response.body()).isEqualTo(400);
        }
    }

    private long secondsLeft(Object token) throws Exception {
        Map<String, Object> introspected = introspect(token);
        assertThat(introspected).containsEntry("active", true);
        return ((Number) introspected.get("exp")).longValue() - Instant.now().getEpochSecond();
    }

    private Map<String, Object> introspect(Object token) throws Exception {
        return expect(form("/oauth2/introspect", client, "token=" + token), 200);
    }

    private int self(Object token) throws Exception {
        return send("GET", "/api/v1/tokens/self", EndToEndScenario.bearer(token.toString()), null, null).statusCode();
    }

    private long activeTokens(String basic) throws Exception {
        return ((Number) expect(send("GET", "/api/v1/tokens?status=active", basic, null, null), 200).get("total"))
                .longValue();
    }

    @SuppressWarnings("unchecked")
    private static String tokenId(Map<String, Object> issued) {
        Map<String, Object> info = (Map<String, Object>) issued.get(issued.containsKey("tokenInfo") ? "tokenInfo"
                : "replacement");
        return (String) info.get("tokenId");
    }

    private HttpResponse<String> form(String path, String authorization, String body) throws Exception {
        String encoded = java.util.Arrays.stream(body.split("&")).map(pair -> {
            int equals = pair.indexOf('=');
            return pair.substring(0, equals + 1) + URLEncoder.encode(pair.substring(equals + 1), StandardCharsets.UTF_8);
        }).collect(Collectors.joining("&"));
        return send("POST", path, authorization, FORM, encoded);
    }

    HttpResponse<String> send(String method, String path, String authorization, String type, String body)
            throws Exception {
        return HttpCalls.send(node(), method, path, HttpCalls.headers(authorization, type), body);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> expect(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isEqualTo(status);
        return response.body().isEmpty() ? Map.of() : json.readValue(response.body(), Map.class);
    }
}
