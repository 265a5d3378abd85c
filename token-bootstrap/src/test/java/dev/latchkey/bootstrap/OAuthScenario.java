package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OAuth 2.0 endpoints through the real server and store: every grant and error code, refresh rotation, the
 * reuse-detection cascade, the concurrent-refresh race, introspection and revocation as a resource server uses them.
 */
abstract class OAuthScenario extends ServiceOnTestDatabase {

    static final Duration REUSE_LEEWAY = Duration.ofSeconds(1);

    private JsonMapper json;
    private String clientBasic;

    @Override
    protected Map<String, Object> settings() {
        return Map.of("latchkey.oauth.refresh-token-reuse-leeway", REUSE_LEEWAY.toMillis() + "ms");
    }

    @BeforeAll
    void registerClient() throws Exception {
        json = node().context().getBean(JsonMapper.class);
        Map<String, Object> client = body(send("POST", "/api/v1/clients",
                EndToEndScenario.basic(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD), "application/json",
                "{\"name\":\"gateway\",\"grantTypes\":[\"password\",\"refresh_token\",\"urn:ietf:params:oauth:grant-type:token-exchange\"]}"));
        clientBasic = EndToEndScenario.basic((String) client.get("clientId"), (String) client.get("clientSecret"));
    }

    String url() {
        return node().url();
    }

    String clientBasic() {
        return clientBasic;
    }

    HttpResponse<String> send(String method, String path, String authorization, String contentType, String body)
            throws Exception {
        return HttpCalls.send(node(), method, path, HttpCalls.headers(authorization, contentType), body);
    }

    HttpResponse<String> form(String path, String authorization, Map<String, String> parameters) throws Exception {
        String body = parameters.entrySet().stream()
                .map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send("POST", path, authorization, "application/x-www-form-urlencoded", body);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> body(HttpResponse<String> response) throws Exception {
        return json.readValue(response.body(), Map.class);
    }

    Map<String, Object> passwordGrant(String scope) throws Exception {
        HttpResponse<String> response = form("/oauth2/token", clientBasic, Map.of("grant_type", "password",
                "username", LatchkeyNode.ADMIN, "password", LatchkeyNode.ADMIN_PASSWORD, "scope", scope));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return body(response);
    }

    HttpResponse<String> refresh(Object refreshToken) throws Exception {
        return form("/oauth2/token", clientBasic, Map.of("grant_type", "refresh_token",
                "refresh_token", refreshToken.toString()));
    }

    Map<String, Object> introspect(Object token) throws Exception {
        HttpResponse<String> response = form("/oauth2/introspect", clientBasic, Map.of("token", token.toString()));
        assertThat(response.statusCode()).isEqualTo(200);
        return body(response);
    }

    private void assertOAuthError(HttpResponse<String> response, int status, String error) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(body(response)).containsEntry("error", error);
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void thePasswordGrantAnswersAsRfc6749Says() throws Exception {
        HttpResponse<String> response = form("/oauth2/token", clientBasic, Map.of("grant_type", "password",
                "username", LatchkeyNode.ADMIN, "password", LatchkeyNode.ADMIN_PASSWORD, "scope", "read write"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(response.headers().firstValue("Pragma")).contains("no-cache");
        Map<String, Object> tokens = body(response);
        assertThat(tokens).containsEntry("token_type", "Bearer").containsEntry("expires_in", 3600)
                .containsEntry("scope", "read write").containsKeys("access_token", "refresh_token");
        assertThat(node().use(tokens.get("access_token").toString())).isEqualTo(200);
        assertThat(node().use(tokens.get("refresh_token").toString()))
                .as("a refresh token is not an API credential").isEqualTo(401);
    }

    @Test
    void everyTokenEndpointErrorHasItsRfc6749Code() throws Exception {
        assertOAuthError(form("/oauth2/token", clientBasic, Map.of("grant_type", "password",
                "username", LatchkeyNode.ADMIN, "password", "wrong")), 400, "invalid_grant");
        assertOAuthError(form("/oauth2/token", clientBasic, Map.of("grant_type", "password",
                "username", LatchkeyNode.ADMIN)), 400, "invalid_request");
        assertOAuthError(form("/oauth2/token", clientBasic, Map.of()), 400, "invalid_request");
        assertOAuthError(form("/oauth2/token", clientBasic, Map.of("grant_type", "urn:example:unknown")), 400,
                "unsupported_grant_type");
        assertOAuthError(form("/oauth2/token", clientBasic, Map.of("grant_type", "client_credentials")), 400,
                "unauthorized_client");
        assertOAuthError(form("/oauth2/token", clientBasic, Map.of("grant_type", "password",
                "username", LatchkeyNode.ADMIN, "password", LatchkeyNode.ADMIN_PASSWORD, "scope", "bad\"scope")), 400,
                "invalid_scope");
        assertOAuthError(form("/oauth2/token", EndToEndScenario.basic("nobody", "lkc_nothing"),
                Map.of("grant_type", "password")), 401, "invalid_client");
        assertOAuthError(form("/oauth2/token", null, Map.of("grant_type", "refresh_token",
                "refresh_token", "lk_unknown")), 400, "invalid_grant");
        assertOAuthError(send("POST", "/oauth2/token", null, "application/x-www-form-urlencoded",
                "grant_type=password&grant_type=password"), 400, "invalid_request");
        assertOAuthError(send("POST", "/oauth2/token", null, "application/json", "{}"), 400, "invalid_request");
        HttpResponse<String> unauthorized = form("/oauth2/token", EndToEndScenario.basic("x", "y"),
                Map.of("grant_type", "password"));
        assertThat(unauthorized.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Basic"));
    }

    @Test
    void aRefreshRotatesTheTokensAndTheOldOnesStopWorkingAsRefreshTokens() throws Exception {
        Map<String, Object> first = passwordGrant("read");

        HttpResponse<String> refreshed = refresh(first.get("refresh_token"));

        assertThat(refreshed.statusCode()).isEqualTo(200);
        Map<String, Object> second = body(refreshed);
        assertThat(second.get("access_token")).isNotEqualTo(first.get("access_token"));
        assertThat(second.get("refresh_token")).isNotEqualTo(first.get("refresh_token"));
        assertThat(node().use(second.get("access_token").toString())).isEqualTo(200);
        assertThat(introspect(first.get("refresh_token"))).containsEntry("active", false);
        assertThat(introspect(second.get("refresh_token"))).containsEntry("active", true)
                .containsEntry("token_type", "refresh_token");
    }

    @Test
    void replayingASpentRefreshTokenRevokesTheWholeFamily() throws Exception {
        Map<String, Object> first = passwordGrant("read");
        Map<String, Object> second = body(refresh(first.get("refresh_token")));
        Map<String, Object> third = body(refresh(second.get("refresh_token")));
        Thread.sleep(REUSE_LEEWAY.plusMillis(200).toMillis());

        HttpResponse<String> replay = refresh(first.get("refresh_token"));

        assertOAuthError(replay, 400, "invalid_grant");
        for (Map<String, Object> pair : List.of(first, second, third)) {
            assertThat(introspect(pair.get("access_token"))).containsEntry("active", false);
            assertThat(introspect(pair.get("refresh_token"))).containsEntry("active", false);
        }
        assertOAuthError(refresh(third.get("refresh_token")), 400, "invalid_grant");
    }

    @Test
    void ofConcurrentRefreshesOfOneTokenExactlyOneWins() throws Exception {
        Map<String, Object> granted = passwordGrant("read");
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            CountDownLatch gate = new CountDownLatch(1);
            List<Callable<HttpResponse<String>>> requests = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                requests.add(() -> {
                    gate.await();
                    return refresh(granted.get("refresh_token"));
                });
            }
            List<Future<HttpResponse<String>>> futures = requests.stream().map(pool::submit).toList();
            gate.countDown();
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> future : futures) {
                responses.add(future.get(1, TimeUnit.MINUTES));
            }

            List<HttpResponse<String>> winners = responses.stream().filter(r -> r.statusCode() == 200).toList();
            assertThat(winners).hasSize(1);
            assertThat(responses).filteredOn(r -> r.statusCode() == 400).hasSize(racers - 1)
                    .allSatisfy(r -> assertThat(r.body()).contains("invalid_grant"));
            assertThat(node().use(body(winners.get(0)).get("access_token").toString()))
                    .as("losers racing within the leeway do not revoke the winner's grant").isEqualTo(200);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void introspectionDescribesActiveTokensAndSaysNothingAboutOthers() throws Exception {
        Map<String, Object> granted = passwordGrant("read write");

        Map<String, Object> active = introspect(granted.get("access_token"));
        assertThat(active).containsEntry("active", true).containsEntry("scope", "read write")
                .containsEntry("username", LatchkeyNode.ADMIN).containsEntry("token_type", "Bearer")
                .containsKeys("exp", "iat", "sub", "client_id", "last_used_at");

        for (String inactive : List.of("garbage", "lk_" + "a".repeat(49),
                dev.latchkey.domain.TokenSecret.fromRandomBytes(new byte[32]).reveal())) {
            HttpResponse<String> response = form("/oauth2/introspect", clientBasic, Map.of("token", inactive));
            assertThat(response.body()).isEqualTo("{\"active\":false}");
        }
    }

    @Test
    void peekingDoesNotRecordAUse() throws Exception {
        String[] token = node().issue();

        HttpResponse<String> peeked = form("/oauth2/introspect", clientBasic, Map.of("token", token[0], "peek", "true"));

        assertThat(body(peeked)).containsEntry("active", true).doesNotContainKey("last_used_at");
        assertThat(introspect(token[0])).containsKey("last_used_at");
    }

    @Test
    void introspectionCallersMustAuthenticateAndBearersNeedTheScope() throws Exception {
        String target = node().issue()[0];
        assertOAuthError(form("/oauth2/introspect", null, Map.of("token", target)), 401, "invalid_client");
        String plain = passwordGrant("read").get("access_token").toString();
        assertOAuthError(form("/oauth2/introspect", EndToEndScenario.bearer(plain), Map.of("token", target)), 403,
                "insufficient_scope");
        String introspector = passwordGrant("introspect").get("access_token").toString();

        HttpResponse<String> allowed = form("/oauth2/introspect", EndToEndScenario.bearer(introspector),
                Map.of("token", target));

        assertThat(body(allowed)).containsEntry("active", true);
    }

    @Test
    void revocationFollowsRfc7009() throws Exception {
        Map<String, Object> granted = passwordGrant("read");
        assertOAuthError(form("/oauth2/revoke", null, Map.of("token", "anything")), 401, "invalid_client");
        assertOAuthError(form("/oauth2/revoke", clientBasic, Map.of()), 400, "invalid_request");

        HttpResponse<String> revoked = form("/oauth2/revoke", clientBasic, Map.of("token",
                granted.get("refresh_token").toString(), "token_type_hint", "refresh_token"));

        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(introspect(granted.get("access_token")))
                .as("revoking a refresh token revokes the access tokens of its grant").containsEntry("active", false);
        assertThat(form("/oauth2/revoke", clientBasic, Map.of("token", granted.get("refresh_token").toString()))
                .statusCode()).as("already revoked").isEqualTo(200);
        assertThat(form("/oauth2/revoke", clientBasic, Map.of("token", "never-issued")).statusCode())
                .as("unknown").isEqualTo(200);
    }

    @Test
    void metadataListsTheEndpoints() throws Exception {
        HttpResponse<String> response = send("GET", "/.well-known/oauth-authorization-server", null, null, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body(response)).containsEntry("issuer", url())
                .containsEntry("token_endpoint", url() + "/oauth2/token")
                .containsEntry("introspection_endpoint", url() + "/oauth2/introspect")
                .containsEntry("revocation_endpoint", url() + "/oauth2/revoke")
                .containsEntry("authorization_endpoint", url() + "/oauth2/authorize")
                .containsEntry("pushed_authorization_request_endpoint", url() + "/oauth2/par")
                .containsEntry("device_authorization_endpoint", url() + "/oauth2/device_authorization")
                .containsEntry("response_types_supported", List.of("code"))
                .containsEntry("code_challenge_methods_supported", List.of("S256"))
                .containsEntry("authorization_response_iss_parameter_supported", true);
    }
}
