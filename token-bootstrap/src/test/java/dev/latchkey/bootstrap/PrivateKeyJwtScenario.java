package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.oauth2.sdk.util.URLUtils;
import com.sun.net.httpserver.HttpServer;
import dev.latchkey.adapter.rest.MovableClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Clients that hold no secret ({@code private_key_jwt}, RFC 7523) through the real server, with assertions made by
 * Nimbus's {@code PrivateKeyJWT}: accepted at the token, introspection, revocation and pushed-request endpoints;
 * refused when replayed on any node, meant for another audience, expired, made too far ahead or signed by a key the
 * client did not register; keys replaced without downtime, through the API and through the client's published key
 * set. And a client registered for DPoP-bound tokens only (RFC 9449 section 5.2).
 */
abstract class PrivateKeyJwtScenario extends ServiceOnTestDatabase {

    private static final String ISSUER = "https://latchkey.example";
    private static final String TOKEN_ENDPOINT = ISSUER + "/oauth2/token";
    private static final String MASTER_KEY = java.util.Base64.getEncoder().encodeToString(
            new SecureRandom().generateSeed(32));
    private static final Pattern FIELD = Pattern.compile(
            "\"(access_token|token_type|clientId|clientSecret|tokenEndpointAuthMethod|request_uri|active|error"
                    + "|error_description)\":\"?([^\",}]+)\"?");

    private final MovableClock clock = new MovableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    private final AtomicReference<String> published = new AtomicReference<>("{\"keys\":[]}");
    private final AtomicInteger keySetFetches = new AtomicInteger();
    private final HttpServer keySetServer = keySetServer();
    private final String admin = EndToEndScenario.basic(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD);

    @Override
    protected Map<String, Object> settings() {
        // The key set server listens on loopback over plain http, which only this setting allows.
        return Map.of("latchkey.oauth.issuer", ISSUER, "latchkey.master-key", MASTER_KEY,
                "latchkey.webhooks.allow-insecure-destinations", true);
    }

    @Override
    protected Object[] beans() {
        return new Object[] {clock};
    }

    private HttpServer keySetServer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/jwks.json", exchange -> {
                keySetFetches.incrementAndGet();
                byte[] body = published.get().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/jwk-set+json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (java.io.IOException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @AfterAll
    void stopKeySetServer() {
        keySetServer.stop(0);
    }

    private static ECKey newKey(String kid) throws Exception {
        return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
    }

    private static String keySet(ECKey... keys) {
        return new JWKSet(List.of(keys)).toString(true);
    }

    private static Map<String, String> fields(String json) {
        Map<String, String> found = new LinkedHashMap<>();
        Matcher matcher = FIELD.matcher(json);
        while (matcher.find()) {
            found.putIfAbsent(matcher.group(1), matcher.group(2));
        }
        return found;
    }

    private String register(String keys) throws Exception {
        HttpResponse<String> created = HttpCalls.send(node(), "POST", "/api/v1/clients", HttpCalls.headers(admin,
                "application/json"), "{\"name\":\"signer\",\"grantTypes\":[\"client_credentials\"],\"scopes\":"
                + "[\"reports:read\"]," + keys + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).contains("\"tokenEndpointAuthMethod\":\"private_key_jwt\"")
                .doesNotContain("clientSecret").doesNotContain("\"d\":");
        return fields(created.body()).get("clientId");
    }

    /** An assertion made now by the test's clock, for {@code audience}, living {@code life}. */
    private String assertion(ECKey key, String clientId, String audience, Duration life) throws Exception {
        Instant now = clock.instant();
        JWTAuthenticationClaimsSet claims = new JWTAuthenticationClaimsSet(new ClientID(clientId),
                List.of(new Audience(audience)), Date.from(now.plus(life)), null, Date.from(now), new JWTID());
        return URLUtils.serializeParameters(new PrivateKeyJWT(claims, JWSAlgorithm.ES256, key.toECPrivateKey(),
                key.getKeyID(), null).toParameters());
    }

    private String assertion(ECKey key, String clientId) throws Exception {
        return assertion(key, clientId, TOKEN_ENDPOINT, Duration.ofMinutes(1));
    }

    private HttpResponse<String> post(LatchkeyNode node, String path, String form) throws Exception {
        return HttpCalls.send(node, "POST", path, HttpCalls.headers(null, "application/x-www-form-urlencoded"), form);
    }

    private HttpResponse<String> clientCredentials(String assertion) throws Exception {
        return post(node(), "/oauth2/token", "grant_type=client_credentials&" + assertion);
    }

    @Test
    void aClientWithoutASecretGetsTokensWithNimbusAssertionsOnEveryEndpointOnce() throws Exception {
        ECKey key = newKey("k1");
        String clientId = register("\"jwks\":" + keySet(key.toPublicJWK()));
        // Nimbus's own claims (aud the token endpoint, exp in five minutes, a random jti), by the wall clock.
        String nimbus = URLUtils.serializeParameters(new PrivateKeyJWT(new ClientID(clientId),
                URI.create(TOKEN_ENDPOINT), JWSAlgorithm.ES256, key.toECPrivateKey(), "k1", null).toParameters());

        HttpResponse<String> issued = clientCredentials(nimbus);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
        String access = fields(issued.body()).get("access_token");

        HttpResponse<String> replayed = clientCredentials(nimbus);
        assertThat(replayed.statusCode()).isEqualTo(401);
        assertThat(replayed.body()).contains("\"error\":\"invalid_client\"", "used before");
        try (LatchkeyNode other = new LatchkeyNode(datasource(), settings(), clock)) {
            HttpResponse<String> elsewhere = post(other, "/oauth2/token", "grant_type=client_credentials&"
                    + assertion(key, clientId));
            assertThat(elsewhere.statusCode()).as("a fresh assertion on the other node").isEqualTo(200);
            assertThat(post(other, "/oauth2/token", "grant_type=client_credentials&" + nimbus).statusCode())
                    .as("the first node's assertion on the other node").isEqualTo(401);
        }

        HttpResponse<String> introspected = post(node(), "/oauth2/introspect", "token=" + access + "&"
                + assertion(key, clientId, ISSUER, Duration.ofMinutes(1)));
        assertThat(introspected.body()).as("aud the issuer").contains("\"active\":true");
        HttpResponse<String> pushed = post(node(), "/oauth2/par", "response_type=code&scope=reports:read&"
                + "code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&"
                + assertion(key, clientId, ISSUER + "/oauth2/par", Duration.ofMinutes(1)));
        assertThat(pushed.body()).as("aud the endpoint itself").doesNotContain("invalid_client");
        HttpResponse<String> revoked = post(node(), "/oauth2/revoke", "token=" + access + "&"
                + assertion(key, clientId));
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(post(node(), "/oauth2/introspect", "token=" + access + "&" + assertion(key, clientId)).body())
                .isEqualTo("{\"active\":false}");
    }

    @Test
    void anAssertionForAnotherAudienceExpiredTooLongOrByAnotherKeyIsRefusedAndNoSecretEverWorks() throws Exception {
        ECKey key = newKey("k1");
        String clientId = register("\"jwks\":" + keySet(key.toPublicJWK()));
        Map<String, String> bent = new LinkedHashMap<>();
        bent.put("another audience", assertion(key, clientId, "https://elsewhere.example/oauth2/token",
                Duration.ofMinutes(1)));
        bent.put("expired", assertion(key, clientId, TOKEN_ENDPOINT, Duration.ofMinutes(-2)));
        bent.put("ten minutes ahead", assertion(key, clientId, TOKEN_ENDPOINT, Duration.ofMinutes(10)));
        bent.put("an unregistered key", assertion(newKey("k1"), clientId));
        bent.put("another client's id", assertion(key, "not-" + clientId));
        for (Map.Entry<String, String> assertion : bent.entrySet()) {
            HttpResponse<String> refused = clientCredentials(assertion.getValue());
            assertThat(refused.statusCode()).as(assertion.getKey()).isEqualTo(401);
            assertThat(refused.body()).as(assertion.getKey()).contains("\"error\":\"invalid_client\"");
        }
        assertThat(clientCredentials("client_id=" + clientId).statusCode()).as("its id alone").isEqualTo(401);
        assertThat(HttpCalls.send(node(), "POST", "/oauth2/token", HttpCalls.headers(EndToEndScenario.basic(
                        clientId, "lkcs_guess"), "application/x-www-form-urlencoded"),
                "grant_type=client_credentials").statusCode()).as("a secret").isEqualTo(401);
        assertThat(clientCredentials(assertion(key, clientId) + "&client_secret=x").statusCode())
                .as("two methods at once").isEqualTo(400);
        assertThat(clientCredentials(assertion(key, clientId)).statusCode()).isEqualTo(200);
    }

    @Test
    void keysAreReplacedThroughTheApiWithoutDowntime() throws Exception {
        ECKey first = newKey("2026-11");
        ECKey second = newKey("2026-12");
        String clientId = register("\"jwks\":" + keySet(first.toPublicJWK()));

        HttpResponse<String> both = HttpCalls.send(node(), "PATCH", "/api/v1/clients/" + clientId,
                HttpCalls.headers(admin, "application/json"), "{\"jwks\":" + keySet(first.toPublicJWK(),
                        second.toPublicJWK()) + "}");
        assertThat(both.statusCode()).as(both.body()).isEqualTo(200);
        assertThat(clientCredentials(assertion(first, clientId)).statusCode()).isEqualTo(200);
        assertThat(clientCredentials(assertion(second, clientId)).statusCode()).isEqualTo(200);

        HttpCalls.send(node(), "PATCH", "/api/v1/clients/" + clientId, HttpCalls.headers(admin, "application/json"),
                "{\"jwks\":" + keySet(second.toPublicJWK()) + "}");
        assertThat(clientCredentials(assertion(first, clientId)).statusCode()).isEqualTo(401);
        assertThat(clientCredentials(assertion(second, clientId)).statusCode()).isEqualTo(200);
        assertThat(HttpCalls.send(node(), "GET", "/api/v1/admin/audit?type=client.changed",
                HttpCalls.headers(admin, null), null).body()).contains("keys=jwks dpop-bound-access-tokens=false");
    }

    @Test
    void aClientPublishingItsKeysRotatesThemWithoutTellingLatchkey() throws Exception {
        ECKey first = newKey("a");
        ECKey second = newKey("b");
        published.set(keySet(first.toPublicJWK()));
        keySetFetches.set(0);
        String clientId = register("\"jwksUri\":\"http://127.0.0.1:" + keySetServer.getAddress().getPort()
                + "/jwks.json\"");
        try {
            rotatesThroughThePublishedSet(first, second, clientId);
        } finally {
            // The other tests sign by the wall clock, as Nimbus does by default: the node's clock goes back to it.
            clock.set(Instant.now());
        }
    }

    private void rotatesThroughThePublishedSet(ECKey first, ECKey second, String clientId) throws Exception {

        assertThat(clientCredentials(assertion(first, clientId)).statusCode()).isEqualTo(200);
        assertThat(clientCredentials(assertion(first, clientId)).statusCode()).isEqualTo(200);
        assertThat(keySetFetches.get()).as("fetched once, then kept").isEqualTo(1);

        published.set(keySet(first.toPublicJWK(), second.toPublicJWK()));
        assertThat(clientCredentials(assertion(second, clientId)).statusCode())
                .as("a kid it has not seen, within 30 s of the last fetch: not fetched again").isEqualTo(401);
        clock.advance(Duration.ofSeconds(31));
        assertThat(clientCredentials(assertion(second, clientId)).statusCode())
                .as("an unknown kid fetches the set again").isEqualTo(200);
        assertThat(clientCredentials(assertion(first, clientId)).statusCode()).isEqualTo(200);

        published.set(keySet(second.toPublicJWK()));
        clock.advance(Duration.ofMinutes(6));
        assertThat(clientCredentials(assertion(first, clientId)).statusCode())
                .as("the retired key, once the kept set went stale").isEqualTo(401);
        assertThat(clientCredentials(assertion(second, clientId)).statusCode()).isEqualTo(200);
    }

    @Test
    void aClientRegisteredForDpopBoundTokensGetsNoneWithoutAProof() throws Exception {
        ECKey key = newKey("k1");
        String clientId = register("\"jwks\":" + keySet(key.toPublicJWK()) + ",\"dpopBoundAccessTokens\":true");

        HttpResponse<String> unproven = clientCredentials(assertion(key, clientId));
        assertThat(unproven.statusCode()).isEqualTo(400);
        assertThat(unproven.body()).contains("\"error\":\"invalid_dpop_proof\"", "DPoP-bound tokens only");

        ECKey dpopKey = new ECKeyGenerator(Curve.P_256).generate();
        String proof = new DefaultDPoPProofFactory(dpopKey, JWSAlgorithm.ES256).createDPoPJWT("POST",
                URI.create(TOKEN_ENDPOINT)).serialize();
        HttpResponse<String> proven = HttpCalls.send(node(), "POST", "/oauth2/token", Map.of("Content-Type",
                "application/x-www-form-urlencoded", "DPoP", proof), "grant_type=client_credentials&"
                + assertion(key, clientId));
        assertThat(proven.statusCode()).as(proven.body()).isEqualTo(200);
        assertThat(fields(proven.body())).containsEntry("token_type", "DPoP");
    }

    @Test
    void registrationRefusesPrivateKeysMixedMethodsAndUnusableKeys() throws Exception {
        ECKey key = newKey("k1");
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("a private key", "\"jwks\":" + new JWKSet(key).toString(false));
        refused.put("keys and a key set URL", "\"jwks\":" + keySet(key.toPublicJWK()) + ",\"jwksUri\":"
                + "\"https://keys.example/jwks\"");
        refused.put("keys for a secret", "\"tokenEndpointAuthMethod\":\"client_secret_basic\",\"jwks\":"
                + keySet(key.toPublicJWK()));
        refused.put("private_key_jwt without keys", "\"tokenEndpointAuthMethod\":\"private_key_jwt\"");
        refused.put("two keys without kids", "\"jwks\":" + keySet(new ECKeyGenerator(Curve.P_256).generate()
                .toPublicJWK(), new ECKeyGenerator(Curve.P_256).generate().toPublicJWK()));
        refused.put("a P-384 key", "\"jwks\":" + keySet(new ECKeyGenerator(Curve.P_384).keyID("x").generate()
                .toPublicJWK()));
        refused.put("not a key set", "\"jwks\":{\"keys\":\"none\"}");
        refused.put("an unknown method", "\"tokenEndpointAuthMethod\":\"tls_client_auth\"");
        for (Map.Entry<String, String> registration : refused.entrySet()) {
            HttpResponse<String> answer = HttpCalls.send(node(), "POST", "/api/v1/clients", HttpCalls.headers(admin,
                    "application/json"), "{\"name\":\"x\"," + registration.getValue() + "}");
            assertThat(answer.statusCode()).as(registration.getKey() + ": " + answer.body()).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/problem+json"));
            assertThat(answer.body()).as(registration.getKey()).doesNotContain(key.getD().toString());
        }
    }
}
