package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import io.micronaut.json.JsonMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ES256 JWT access tokens verified offline, as a resource server does: it knows only the metadata's {@code jwks_uri}
 * and checks each token with Nimbus's {@link DefaultJWTProcessor} over the remote key set. Then a key rotation: the
 * new key is published before it signs, and a token signed before the rotation verifies all the same.
 */
abstract class JwksScenario extends ServiceOnTestDatabase {

    private static final String ISSUER = "https://latchkey.test";
    /** Short, so that the test can wait for an activation; publish-ahead must exceed the cache and refresh times. */
    private static final Duration PUBLISH_AHEAD = Duration.ofSeconds(3);

    private final String admin = EndToEndScenario.basic(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD);
    private JsonMapper json;
    private AuthorizationServerMetadata metadata;
    /** The metadata's jwks_uri, on this test's server: the issuer names a host the test does not run on. */
    private URI keySetUri;

    @Override
    protected Map<String, Object> settings() {
        return Map.of("latchkey.oauth.access-token-format", "jwt", "latchkey.oauth.issuer", ISSUER,
                "latchkey.oauth.jwt.publish-ahead", PUBLISH_AHEAD.toMillis() + "ms",
                "latchkey.oauth.jwt.key-set-max-age", "1s", "latchkey.oauth.jwt.key-refresh-interval", "500ms");
    }

    @BeforeAll
    void discover() throws Exception {
        json = node().context().getBean(JsonMapper.class);
        metadata = AuthorizationServerMetadata.parse(
                send("GET", "/.well-known/oauth-authorization-server", null, null, null).body());
        keySetUri = URI.create(node().url() + metadata.getJWKSetURI().getPath());
    }

    /** A resource server's verifier: the key set by URL, ES256 only, at+jwt only, Latchkey as issuer and audience. */
    private DefaultJWTProcessor<SecurityContext> resourceServer() throws Exception {
        JWKSource<SecurityContext> keys = JWKSourceBuilder.create(keySetUri.toURL())
                .retrying(false).build();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(ISSUER,
                new JWTClaimsSet.Builder().issuer(ISSUER).build(), Set.of("sub", "exp", "iat", "jti")));
        return processor;
    }

    @Test
    void theMetadataNamesAKeySetThatResourceServersMayCache() throws Exception {
        assertThat(metadata.getJWKSetURI()).hasToString(ISSUER + "/oauth2/jwks");
        HttpResponse<String> keySet = send("GET", "/oauth2/jwks", null, null, null);

        assertThat(keySet.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/jwk-set+json"));
        assertThat(keySet.headers().firstValue("Cache-Control")).contains("public, max-age=1");
        assertThat(keySet.body()).contains("\"kty\":\"EC\"").contains("\"kid\"").doesNotContain("\"d\"");
    }

    @Test
    void aResourceServerVerifiesTokensOfflineAndRefusesForgedOnes() throws Exception {
        String token = accessToken();
        DefaultJWTProcessor<SecurityContext> verifier = resourceServer();

        JWTClaimsSet claims = verifier.process(token, null);
        assertThat(claims.getStringClaim("scope")).isEqualTo("read");
        assertThat(claims.getAudience()).contains(ISSUER);

        ECKey attacker = new ECKeyGenerator(Curve.P_256).keyID(SignedJWT.parse(token).getHeader().getKeyID())
                .generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt"))
                .keyID(attacker.getKeyID()).build(), new JWTClaimsSet.Builder(claims)
                .claim("scope", "read admin").expirationTime(new Date(System.currentTimeMillis() + 3_600_000)).build());
        forged.sign(new ECDSASigner(attacker));
        assertThatThrownBy(() -> verifier.process(forged.serialize(), null)).isInstanceOf(BadJOSEException.class);
        assertThat(node().use(forged.serialize())).isEqualTo(401);
        String[] parts = token.split("\\.");
        String altered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                forged.getJWTClaimsSet().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[2];
        assertThatThrownBy(() -> verifier.process(altered, null)).isInstanceOf(BadJOSEException.class);
        assertThat(node().use(altered)).as("Latchkey accepts only the exact JWT it stored").isEqualTo(401);
    }

    @Test
    void aRotationPublishesTheNewKeyFirstAndTheOldKeysTokensStillVerify() throws Exception {
        String before = accessToken();
        String oldKid = SignedJWT.parse(before).getHeader().getKeyID();

        HttpResponse<String> rotated = send("POST", "/api/v1/admin/signing-keys/rotate", admin, null, null);
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(201);
        String newKid = (String) body(rotated).get("kid");
        assertThat(body(rotated)).containsEntry("state", "next");
        assertThat(send("GET", "/api/v1/admin/audit?type=signing_key.rotated", admin, null, null).body())
                .as("the rotation is in the audit trail, with its key and who asked")
                .contains("kid=" + newKid, "reason=requested").contains("\"actor\":\"account:");
        assertThat(send("GET", "/oauth2/jwks", null, null, null).body()).as("published before it signs")
                .contains(newKid).contains(oldKid);
        assertThat(SignedJWT.parse(accessToken()).getHeader().getKeyID()).as("the old key signs until then")
                .isEqualTo(oldKid);

        Thread.sleep(PUBLISH_AHEAD.toMillis() + 200);
        String after = accessToken();

        assertThat(SignedJWT.parse(after).getHeader().getKeyID()).isEqualTo(newKid);
        DefaultJWTProcessor<SecurityContext> verifier = resourceServer();
        assertThat(verifier.process(before, null).getJWTID()).isNotBlank();
        assertThat(verifier.process(after, null).getJWTID()).isNotBlank();
        assertThat(node().use(before)).isEqualTo(200);
        assertThat(send("GET", "/api/v1/admin/signing-keys", admin, null, null).body())
                .contains("\"state\":\"retired\"").contains("\"state\":\"signing\"");
    }

    private String accessToken() throws Exception {
        String form = Map.of("grant_type", "password", "username", LatchkeyNode.ADMIN,
                        "password", LatchkeyNode.ADMIN_PASSWORD, "scope", "read").entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = send("POST", "/oauth2/token", null, "application/x-www-form-urlencoded",
                form);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return (String) body(response).get("access_token");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> body(HttpResponse<String> response) throws Exception {
        return json.readValue(response.body(), Map.class);
    }

    private HttpResponse<String> send(String method, String path, String authorization, String contentType,
                                      String body) throws Exception {
        return HttpCalls.send(node(), method, path, HttpCalls.headers(authorization, contentType), body);
    }
}
