package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import com.nimbusds.openid.connect.sdk.Nonce;
import dev.latchkey.application.port.out.LoadAccountPort;
import dev.latchkey.application.port.out.SaveTokenPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.Actor;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.Expiry;
import dev.latchkey.domain.KeyThumbprint;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.SecretHash;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenAttributes;
import dev.latchkey.domain.TokenDescription;
import dev.latchkey.domain.TokenId;
import dev.latchkey.domain.TokenSecret;
import dev.latchkey.domain.Username;
import java.net.URI;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A token bound to a key (RFC 9449) on the resources Latchkey serves, through the real server, with proofs made by
 * Nimbus's {@code DPoPProofFactory}: it works only as {@code DPoP} with a proof by its key, each proof once on every
 * node; as {@code Bearer}, with another key's proof, a bent proof or a replayed one it is refused, and the challenge
 * says which. Some tests store a bound token directly, as the token endpoint does, to look at the resource side alone.
 */
abstract class DpopResourceScenario extends ServiceOnTestDatabase {

    private static final String SELF = "/api/v1/tokens/self";
    /** Both nodes answer for one public address, as nodes behind one load balancer do: proofs name it. */
    private static final String ISSUER = "https://latchkey.example";
    private static final String MASTER_KEY = java.util.Base64.getEncoder().encodeToString(
            new SecureRandom().generateSeed(32));

    @Override
    protected Map<String, Object> settings() {
        return Map.of("latchkey.oauth.issuer", ISSUER, "latchkey.master-key", MASTER_KEY);
    }
    private final SecureRandom random = new SecureRandom();

    /** A token bound to the key, stored with its issue; answers its credential. */
    private String boundToken(ECKey key) throws Exception {
        Account admin = node().context().getBean(LoadAccountPort.class).loadByUsername(Username.of(LatchkeyNode.ADMIN))
                .orElseThrow();
        byte[] bytes = new byte[TokenSecret.RANDOM_BYTES];
        random.nextBytes(bytes);
        String credential = TokenSecret.fromRandomBytes(bytes).reveal();
        byte[] id = new byte[16];
        random.nextBytes(id);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Token token = Token.issue(TokenAttributes.personal(TokenId.fromRandomBytes(id), admin.id(),
                TokenDescription.of("bound"), Scopes.of("read"), Expiry.at(now.plusSeconds(3600))).withProofKey(
                Optional.of(KeyThumbprint.of(key.computeThumbprint().toString()))), now, SecretHash.of(credential))
                .token();
        assertThat(node().context().getBean(SaveTokenPort.class).saveNew(token, AuditEvent.of(now,
                AuditEventType.TOKEN_ISSUED, Actor.account(admin.id()), Optional.of(admin.id()),
                Optional.of(token.id()), "kind=PERSONAL"))).isEqualTo(SaveTokenPort.SaveOutcome.SAVED);
        return credential;
    }

    private static ECKey newKey() throws Exception {
        return new ECKeyGenerator(Curve.P_256).generate();
    }

    private static String proof(ECKey key, String method, String url, String token) throws Exception {
        return new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256).createDPoPJWT(method, URI.create(url),
                new DPoPAccessToken(token)).serialize();
    }

    private static HttpResponse<String> get(LatchkeyNode node, String authorization, String proof) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", authorization);
        if (proof != null) {
            headers.put("DPoP", proof);
        }
        return HttpCalls.send(node, "GET", SELF, headers, null);
    }

    /** A 401 whose DPoP challenge names {@code error}. */
    private static void assertRefused(HttpResponse<String> response, String error) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(challenges(response)).anySatisfy(challenge ->
                assertThat(challenge).startsWith("DPoP error=\"" + error + "\""));
    }

    private static List<String> challenges(HttpResponse<String> response) {
        return response.headers().allValues("WWW-Authenticate");
    }

    private static String url(LatchkeyNode node) {
        return ISSUER + SELF;
    }

    @Test
    void aBoundTokenWorksOnlyAsDpopWithAProofByItsKeyOnce() throws Exception {
        ECKey key = newKey();
        String token = boundToken(key);

        String proof = proof(key, "GET", url(node()), token);
        HttpResponse<String> proven = get(node(), "DPoP " + token, proof);
        assertThat(proven.statusCode()).as(proven.body()).isEqualTo(200);
        assertThat(proven.body()).contains("\"description\":\"bound\"");

        HttpResponse<String> replayed = get(node(), "DPoP " + token, proof);
        assertThat(replayed.statusCode()).isEqualTo(401);
        assertThat(challenges(replayed)).anySatisfy(challenge ->
                assertThat(challenge).startsWith("DPoP error=\"invalid_dpop_proof\"").contains("algs=\"ES256"));

        HttpResponse<String> asBearer = get(node(), "Bearer " + token, null);
        assertRefused(asBearer, "invalid_token");

        // A dialect's header scheme carries no proof: through it, a bound token is refused like a bearer one.
        assertThat(get(node(), "JWT " + token, null).statusCode()).as("Masters India's scheme").isEqualTo(401);

        HttpResponse<String> anotherKey = get(node(), "DPoP " + token, proof(newKey(), "GET", url(node()), token));
        assertRefused(anotherKey, "invalid_token");

        assertThat(get(node(), "DPoP " + token, proof(key, "GET", url(node()), token)).statusCode()).isEqualTo(200);
    }

    @Test
    void aBentProofIsRefusedBeforeTheTokenIsLookedAt() throws Exception {
        ECKey key = newKey();
        String token = boundToken(key);

        Map<String, String> bent = Map.of(
                "another method", proof(key, "POST", url(node()), token),
                "another URI", proof(key, "GET", ISSUER + "/api/v1/tokens", token),
                "this node's own address", proof(key, "GET", node().url().replaceAll("/$", "") + SELF, token),
                "another token's hash", proof(key, "GET", url(node()), token + "x"),
                "no proof at all", "");
        for (Map.Entry<String, String> proof : bent.entrySet()) {
            HttpResponse<String> refused = get(node(), "DPoP " + token, proof.getValue().isEmpty() ? null
                    : proof.getValue());
            assertThat(refused.statusCode()).as(proof.getKey()).isEqualTo(401);
            assertThat(challenges(refused)).as(proof.getKey()).anySatisfy(challenge ->
                    assertThat(challenge).startsWith("DPoP error=\"invalid_dpop_proof\""));
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/problem+json"));
        }
        assertThat(get(node(), "DPoP " + token, proof(key, "GET", url(node()), token)).statusCode()).isEqualTo(200);
    }

    @Test
    void aBearerTokenPresentedAsDpopIsRefusedAndStillWorksAsBearer() throws Exception {
        String[] issued = node().issue();
        ECKey key = newKey();

        HttpResponse<String> refused = get(node(), "DPoP " + issued[0], proof(key, "GET", url(node()), issued[0]));

        assertRefused(refused, "invalid_token");
        assertThat(node().use(issued[0])).isEqualTo(200);
    }

    @Test
    void aProofUsedOnOneNodeIsRefusedOnAnother() throws Exception {
        ECKey key = newKey();
        String token = boundToken(key);
        try (LatchkeyNode other = new LatchkeyNode(datasource(), settings())) {
            String proof = proof(key, "GET", url(node()), token);
            assertThat(get(node(), "DPoP " + token, proof).statusCode()).isEqualTo(200);
            assertThat(get(other, "DPoP " + token, proof(key, "GET", url(other), token)).statusCode())
                    .as("a fresh proof: the other node takes the same address and token").isEqualTo(200);

            HttpResponse<String> replayed = get(other, "DPoP " + token, proof);

            assertRefused(replayed, "invalid_dpop_proof");
        }
    }

    @Test
    void aProofMadeTwoMinutesAgoIsRefusedAsStale() throws Exception {
        ECKey key = newKey();
        String token = boundToken(key);
        String stale = new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256).createDPoPJWT(new JWTID(), "GET",
                URI.create(url(node())), java.util.Date.from(Instant.now().minusSeconds(120)),
                new DPoPAccessToken(token)).serialize();

        HttpResponse<String> refused = get(node(), "DPoP " + token, stale);

        assertRefused(refused, "invalid_dpop_proof");
    }

    @Test
    void whereNoncesAreRequiredAClientLearnsOneFromTheRefusalAndItWorksOnEveryNode() throws Exception {
        ECKey key = newKey();
        String token = boundToken(key);
        Map<String, Object> strict = new LinkedHashMap<>(settings());
        strict.put("latchkey.dpop.nonce-required", true);
        try (LatchkeyNode requiring = new LatchkeyNode(datasource(), strict)) {
            HttpResponse<String> refused = get(requiring, "DPoP " + token, proof(key, "GET", url(requiring), token));
            assertRefused(refused, "use_dpop_nonce");
            String nonce = refused.headers().firstValue("DPoP-Nonce").orElseThrow();

            HttpResponse<String> supplied = get(requiring, "DPoP " + token, new DefaultDPoPProofFactory(key,
                    JWSAlgorithm.ES256).createDPoPJWT("GET", URI.create(url(requiring)), new DPoPAccessToken(token),
                    new Nonce(nonce)).serialize());
            assertThat(supplied.statusCode()).as(supplied.body()).isEqualTo(200);
            assertThat(supplied.headers().firstValue("DPoP-Nonce")).as("the nonce for the next proof").isPresent();

            HttpResponse<String> tokenEndpoint = HttpCalls.send(requiring, "POST", "/oauth2/token", Map.of(
                    "Content-Type", "application/x-www-form-urlencoded", "DPoP", tokenProof(key)),
                    "grant_type=password&username=" + LatchkeyNode.ADMIN + "&password="
                            + LatchkeyNode.ADMIN_PASSWORD.replace(" ", "+"));
            assertThat(tokenEndpoint.statusCode()).isEqualTo(400);
            assertThat(tokenEndpoint.body()).contains("\"error\":\"use_dpop_nonce\"");
            String tokenNonce = tokenEndpoint.headers().firstValue("DPoP-Nonce").orElseThrow();
            HttpResponse<String> granted = HttpCalls.send(requiring, "POST", "/oauth2/token", Map.of(
                    "Content-Type", "application/x-www-form-urlencoded", "DPoP", new DefaultDPoPProofFactory(key,
                            JWSAlgorithm.ES256).createDPoPJWT("POST", URI.create(ISSUER + "/oauth2/token"),
                            new Nonce(tokenNonce)).serialize()),
                    "grant_type=password&username=" + LatchkeyNode.ADMIN + "&password="
                            + LatchkeyNode.ADMIN_PASSWORD.replace(" ", "+"));
            assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
            assertThat(granted.body()).contains("\"token_type\":\"DPoP\"");

            // The node that does not require nonces checks one that is sent: one of the other node's holds there.
            HttpResponse<String> elsewhere = get(node(), "DPoP " + token, new DefaultDPoPProofFactory(key,
                    JWSAlgorithm.ES256).createDPoPJWT("GET", URI.create(url(node())), new DPoPAccessToken(token),
                    new Nonce(nonce)).serialize());
            assertThat(elsewhere.statusCode()).isEqualTo(200);
            HttpResponse<String> madeUp = get(node(), "DPoP " + token, new DefaultDPoPProofFactory(key,
                    JWSAlgorithm.ES256).createDPoPJWT("GET", URI.create(url(node())), new DPoPAccessToken(token),
                    new Nonce("made-up")).serialize());
            assertThat(challenges(madeUp)).anySatisfy(challenge ->
                    assertThat(challenge).startsWith("DPoP error=\"use_dpop_nonce\""));
        }
    }

    private static final java.util.regex.Pattern FIELD = java.util.regex.Pattern.compile(
            "\"(access_token|refresh_token|token_type|clientId|clientSecret|jkt)\":\"([^\"]+)\"");

    private static Map<String, String> fields(String json) {
        Map<String, String> found = new LinkedHashMap<>();
        java.util.regex.Matcher matcher = FIELD.matcher(json);
        while (matcher.find()) {
            found.putIfAbsent(matcher.group(1), matcher.group(2));
        }
        return found;
    }

    private Map<String, String> client(String json) throws Exception {
        HttpResponse<String> created = HttpCalls.send(node(), "POST", "/api/v1/clients", HttpCalls.headers(
                EndToEndScenario.basic(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD), "application/json"), json);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return fields(created.body());
    }

    private HttpResponse<String> tokenRequest(String form, String proof) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>(HttpCalls.headers(null,
                "application/x-www-form-urlencoded"));
        if (proof != null) {
            headers.put("DPoP", proof);
        }
        return HttpCalls.send(node(), "POST", "/oauth2/token", headers, form);
    }

    private static String tokenProof(ECKey key) throws Exception {
        return new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256).createDPoPJWT("POST",
                URI.create(ISSUER + "/oauth2/token")).serialize();
    }

    @Test
    void aTokenRequestWithAProofGetsTokensBoundToItsKeyForAPublicClientRefreshTokensToo() throws Exception {
        String clientId = client("{\"name\":\"dpop-cli\",\"type\":\"public\",\"grantTypes\":[\"password\","
                + "\"refresh_token\"]}").get("clientId");
        ECKey key = newKey();
        String login = "grant_type=password&client_id=" + clientId + "&username=" + LatchkeyNode.ADMIN
                + "&password=" + LatchkeyNode.ADMIN_PASSWORD.replace(" ", "+");
        String proof = tokenProof(key);

        HttpResponse<String> issued = tokenRequest(login, proof);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
        Map<String, String> pair = fields(issued.body());
        assertThat(pair).containsEntry("token_type", "DPoP");
        String access = pair.get("access_token");
        assertThat(get(node(), "DPoP " + access, proof(key, "GET", url(node()), access)).statusCode())
                .isEqualTo(200);
        assertThat(get(node(), "Bearer " + access, null).statusCode()).isEqualTo(401);

        HttpResponse<String> replayed = tokenRequest(login, proof);
        assertThat(replayed.statusCode()).isEqualTo(400);
        assertThat(replayed.body()).contains("\"error\":\"invalid_dpop_proof\"");
        assertThat(tokenRequest(login, proof.substring(0, proof.length() - 4) + "AAAA").body())
                .contains("\"error\":\"invalid_dpop_proof\"");

        String refresh = "grant_type=refresh_token&client_id=" + clientId + "&refresh_token=" + pair.get(
                "refresh_token");
        HttpResponse<String> unproven = tokenRequest(refresh, null);
        assertThat(unproven.statusCode()).isEqualTo(400);
        assertThat(unproven.body()).contains("\"error\":\"invalid_grant\"", "bound to a key");
        assertThat(tokenRequest(refresh, tokenProof(newKey())).body()).contains("\"error\":\"invalid_grant\"");
        HttpResponse<String> renewed = tokenRequest(refresh, tokenProof(key));
        assertThat(renewed.statusCode()).as(renewed.body()).isEqualTo(200);
        assertThat(fields(renewed.body())).containsEntry("token_type", "DPoP");
    }

    @Test
    void introspectionAndMetadataSayWhatAResourceServerNeedsToCheckAProof() throws Exception {
        Map<String, String> gateway = client("{\"name\":\"gateway\",\"grantTypes\":[\"password\","
                + "\"refresh_token\"]}");
        ECKey key = newKey();
        HttpResponse<String> issued = HttpCalls.send(node(), "POST", "/oauth2/token", Map.of("Authorization",
                EndToEndScenario.basic(gateway.get("clientId"), gateway.get("clientSecret")), "Content-Type",
                "application/x-www-form-urlencoded", "DPoP", tokenProof(key)), "grant_type=password&username="
                + LatchkeyNode.ADMIN + "&password=" + LatchkeyNode.ADMIN_PASSWORD.replace(" ", "+"));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
        Map<String, String> pair = fields(issued.body());

        HttpResponse<String> introspected = HttpCalls.send(node(), "POST", "/oauth2/introspect", Map.of(
                "Authorization", EndToEndScenario.basic(gateway.get("clientId"), gateway.get("clientSecret")),
                "Content-Type", "application/x-www-form-urlencoded"), "token=" + pair.get("access_token"));
        assertThat(introspected.body()).contains("\"active\":true", "\"token_type\":\"DPoP\"",
                "\"cnf\":{\"jkt\":\"" + key.computeThumbprint() + "\"}");
        HttpResponse<String> refreshToken = HttpCalls.send(node(), "POST", "/oauth2/introspect", Map.of(
                "Authorization", EndToEndScenario.basic(gateway.get("clientId"), gateway.get("clientSecret")),
                "Content-Type", "application/x-www-form-urlencoded"), "token=" + pair.get("refresh_token"));
        assertThat(refreshToken.body()).as("a confidential client's refresh token is bound by its secret")
                .doesNotContain("cnf");
        assertThat(HttpCalls.send(node(), "GET", "/.well-known/oauth-authorization-server", Map.of(), null).body())
                .contains("\"dpop_signing_alg_values_supported\":[\"ES256\",\"EdDSA\",\"PS256\",\"RS256\"]");
    }
}
