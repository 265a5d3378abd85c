package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.adapter.persistence.InMemoryH2Database;
import dev.latchkey.application.port.out.ServerKeyPort;
import io.micronaut.json.JsonMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * HS256 JWT access tokens (the single-party set-up) through the real server: their RFC 9068 shape, and the attacks a
 * JWT validator meets. ES256 and RS256 are {@link JwksScenario}'s. The
 * attacker here is strong: for several cases the test signs with the server's own key, to show that every other
 * check holds on its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JwtAccessTokenTest {

    private static final String ISSUER = "https://latchkey.test";

    private final HttpClient http = HttpClient.newHttpClient();
    private LatchkeyNode node;
    private JsonMapper json;

    @BeforeAll
    void start() {
        node = new LatchkeyNode(new InMemoryH2Database().start(),
                Map.of("latchkey.oauth.access-token-format", "jwt", "latchkey.oauth.issuer", ISSUER,
                        "latchkey.oauth.jwt.algorithm", "HS256"));
        json = node.context().getBean(JsonMapper.class);
    }

    @AfterAll
    void stop() {
        node.close();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> passwordGrant() throws Exception {
        String body = Map.of("grant_type", "password", "username", LatchkeyNode.ADMIN,
                        "password", LatchkeyNode.ADMIN_PASSWORD, "scope", "read").entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(node.url() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readValue(response.body(), Map.class);
    }

    private SignedJWT issued() throws Exception {
        return SignedJWT.parse((String) passwordGrant().get("access_token"));
    }

    private byte[] serverKey() {
        return node.context().getBean(ServerKeyPort.class).keyFor("jwt-hs256");
    }

    private String signed(JWSAlgorithm algorithm, JOSEObjectType type, JWTClaimsSet claims, byte[] key)
            throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(type).build(), claims);
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }

    private String resigned(SignedJWT original, JWTClaimsSet.Builder changes) throws Exception {
        return signed(JWSAlgorithm.HS256, new JOSEObjectType("at+jwt"), changes.build(), serverKey());
    }

    @Test
    void anAccessTokenIsAnRfc9068Jwt() throws Exception {
        SignedJWT jwt = issued();

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(jwt.getHeader().getType()).isEqualTo(new JOSEObjectType("at+jwt"));
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(ISSUER);
        assertThat(claims.getAudience()).containsExactly(ISSUER);
        assertThat(claims.getSubject()).isNotBlank();
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getStringClaim("scope")).isEqualTo("read");
        assertThat(claims.getExpirationTime()).isAfter(claims.getIssueTime());
        assertThat(node.use(jwt.serialize())).isEqualTo(200);
    }

    @Test
    void algNoneIsRefused() throws Exception {
        PlainJWT unsigned = new PlainJWT(issued().getJWTClaimsSet());

        assertThat(node.use(unsigned.serialize())).isEqualTo(401);
        assertThat(node.use(unsigned.serialize() + "AAAA")).isEqualTo(401);
    }

    @Test
    void otherAlgorithmsAreRefusedEvenWithAValidSignature() throws Exception {
        JWTClaimsSet claims = issued().getJWTClaimsSet();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        SignedJWT rs256 = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                .type(new JOSEObjectType("at+jwt")).build(), claims);
        rs256.sign(new RSASSASigner((RSAPrivateKey) generator.generateKeyPair().getPrivate()));

        assertThat(node.use(rs256.serialize())).as("RS256").isEqualTo(401);
        assertThat(node.use(signed(JWSAlgorithm.HS512, new JOSEObjectType("at+jwt"), claims,
                concat(serverKey(), serverKey())))).as("HS512 with the right key material").isEqualTo(401);
    }

    @Test
    void aTamperedPayloadIsRefused() throws Exception {
        SignedJWT jwt = issued();
        JWTClaimsSet widened = new JWTClaimsSet.Builder(jwt.getJWTClaimsSet()).claim("scope", "read admin").build();
        String tampered = jwt.getHeader().toBase64URL() + "." + Base64URL.encode(widened.toString()) + "."
                + jwt.getSignature();

        assertThat(node.use(tampered)).isEqualTo(401);
    }

    @Test
    void theWrongTypeIssuerOrAudienceIsRefusedEvenWhenSignedWithTheServerKey() throws Exception {
        SignedJWT jwt = issued();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();

        assertThat(node.use(signed(JWSAlgorithm.HS256, JOSEObjectType.JWT, claims, serverKey())))
                .as("typ JWT instead of at+jwt").isEqualTo(401);
        assertThat(node.use(resigned(jwt, new JWTClaimsSet.Builder(claims).audience("https://elsewhere"))))
                .as("wrong aud").isEqualTo(401);
        assertThat(node.use(resigned(jwt, new JWTClaimsSet.Builder(claims).issuer("https://evil"))))
                .as("wrong iss").isEqualTo(401);
        assertThat(node.use(resigned(jwt, new JWTClaimsSet.Builder(claims).jwtID(UUID.randomUUID().toString()))))
                .as("a jti that was never issued, even with a leaked key").isEqualTo(401);
        assertThat(node.use(resigned(jwt, new JWTClaimsSet.Builder(claims).claim("scope", "read admin"))))
                .as("claims changed by someone holding the key: not the JWT that was issued").isEqualTo(401);
    }

    @Test
    void anExpiredJwtIsRefused() throws Exception {
        SignedJWT jwt = issued();

        assertThat(node.use(resigned(jwt, new JWTClaimsSet.Builder(jwt.getJWTClaimsSet())
                .expirationTime(Date.from(Instant.now().minusSeconds(5)))))).isEqualTo(401);
    }

    @Test
    void aRevokedJtiIsRefused() throws Exception {
        String jwt = issued().serialize();
        assertThat(node.use(jwt)).isEqualTo(200);

        HttpResponse<String> revoked = http.send(HttpRequest.newBuilder(URI.create(node.url() + "/oauth2/revoke"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", EndToEndScenario.bearer(jwt))
                .POST(HttpRequest.BodyPublishers.ofString("token=" + jwt)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(node.use(jwt)).isEqualTo(401);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
