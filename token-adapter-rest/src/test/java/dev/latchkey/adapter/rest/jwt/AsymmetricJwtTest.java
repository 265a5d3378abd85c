package dev.latchkey.adapter.rest.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.adapter.rest.MovableClock;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.Audience;
import dev.latchkey.domain.Expiry;
import dev.latchkey.domain.GrantId;
import dev.latchkey.domain.GrantSurface;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.TokenAttributes;
import dev.latchkey.domain.TokenDescription;
import dev.latchkey.domain.TokenId;
import dev.latchkey.domain.TokenKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ES256 and RS256 access tokens: each names its key, verifies only under it, and outlives a rotation. */
class AsymmetricJwtTest {

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private static final byte[] HS_KEY = "a server key of thirty-two bytes".getBytes(StandardCharsets.US_ASCII);

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-28T12:00:00Z"));
    private final SigningSettings settings = SigningFixtures.settings(JWSAlgorithm.ES256);
    private final SigningKeys keys = SigningFixtures.started(settings, new SigningFixtures.InMemoryStore(), clock);
    private final JwtAccessTokens tokens = new JwtAccessTokens(purpose -> HS_KEY.clone(), keys, settings,
            "https://latchkey.test", null, null);

    private String issue(Optional<Audience> audience) {
        Instant now = clock.instant();
        return tokens.encode(new TokenAttributes(TokenId.fromRandomBytes(new byte[16]),
                AccountId.fromRandomBytes(new byte[16]), TokenKind.ACCESS, TokenDescription.none(), Scopes.of("read"),
                Expiry.at(now.plus(settings.longestTokenLifetime())),
                Optional.of(GrantId.fromRandomBytes(new byte[16])), Optional.empty(),
                Optional.of(GrantSurface.TOKEN_ENDPOINT), audience), now);
    }

    @Test
    void anEs256TokenNamesAPublishedKeyAndVerifiesUnderItAlone() throws Exception {
        SignedJWT jwt = SignedJWT.parse(issue(Optional.of(Audience.of("https://reports.example"))));

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        JWK published = keys.published().getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(published).isNotNull();
        assertThat(published.isPrivate()).as("only public parts are published").isFalse();
        assertThat(jwt.verify(new ECDSAVerifier((ECKey) published))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("https://latchkey.test",
                "https://reports.example");
        assertThat(tokens.verify(jwt.serialize())).isPresent();
    }

    /** Each is a forgery a resource server must refuse, the key-confusion attack first. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"HS256 with the public key as secret", "none", "RS256", "unknown kid", "no kid"})
    void forgeriesAreRefused(String forgery) throws Exception {
        String genuine = issue(Optional.empty());
        String[] parts = genuine.split("\\.");
        JWSHeader header = JWSHeader.parse(Base64URLText.decode(parts[0]));
        String kid = header.getKeyID();
        String forged = switch (forgery) {
            case "HS256 with the public key as secret" -> {
                String input = encode("{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"" + kid + "\"}") + "."
                        + parts[1];
                byte[] publicKey = keys.published().getKeyByKeyId(kid).toPublicJWK().toJSONString()
                        .getBytes(StandardCharsets.UTF_8);
                yield input + "." + URL.encodeToString(hmac(publicKey, input));
            }
            case "none" -> encode("{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":\"" + kid + "\"}") + "." + parts[1]
                    + ".";
            case "RS256" -> encode("{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"kid\":\"" + kid + "\"}") + "."
                    + parts[1] + "." + parts[2];
            case "unknown kid" -> encode("{\"alg\":\"ES256\",\"typ\":\"at+jwt\",\"kid\":\"someone-else\"}") + "."
                    + parts[1] + "." + parts[2];
            default -> encode("{\"alg\":\"ES256\",\"typ\":\"at+jwt\"}") + "." + parts[1] + "." + parts[2];
        };

        assertThat(tokens.verify(genuine)).as("control").isPresent();
        assertThat(tokens.verify(forged)).isEmpty();
    }

    /**
     * A JWT with a published key's header but other claims still names its token here; what refuses it is the
     * stored hash, which only the exact JWT issued matches (JwksScenario shows it through the server). The
     * signature is not what Latchkey relies on, so it spends no ECDSA verification on it.
     */
    @Test
    void anAlteredTokenNamesItsTokenAndIsLeftToTheStoredHash() {
        String genuine = issue(Optional.empty());
        String[] parts = genuine.split("\\.");
        String altered = parts[0] + "." + encode(Base64URLText.decode(parts[1]).replace("\"read\"", "\"admin\""))
                + "." + parts[2];

        assertThat(tokens.verify(altered)).isEqualTo(tokens.verify(genuine));
    }

    @Test
    void aRotationPublishesTheNewKeyFirstAndKeepsTheOldOneUntilItsTokensExpire() throws Exception {
        String kidBefore = SignedJWT.parse(issue(Optional.empty())).getHeader().getKeyID();

        dev.latchkey.application.port.out.SigningKeyRingPort.MadeKey next = keys.makeSuccessor();
        String signedJustBeforeActivation;
        assertThat(keys.published().getKeyByKeyId(next.kid())).as("published before it signs").isNotNull();
        clock.set(next.activatesAt().minusMillis(1));
        signedJustBeforeActivation = issue(Optional.empty());
        assertThat(SignedJWT.parse(signedJustBeforeActivation).getHeader().getKeyID()).isEqualTo(kidBefore);

        clock.set(next.activatesAt());
        assertThat(SignedJWT.parse(issue(Optional.empty())).getHeader().getKeyID()).isEqualTo(next.kid());
        clock.set(next.activatesAt().plus(settings.longestTokenLifetime()).minusMillis(1));
        assertThat(tokens.verify(signedJustBeforeActivation)).as("the old key is still published").isPresent();

        clock.set(next.activatesAt().plus(settings.longestTokenLifetime()));
        assertThat(keys.published().getKeyByKeyId(kidBefore)).isNull();
        assertThat(tokens.verify(signedJustBeforeActivation)).isEmpty();
    }

    @Test
    void rs256IsOfferedToo() throws Exception {
        SigningSettings rs256 = SigningFixtures.settings(JWSAlgorithm.RS256);
        SigningKeys rsaKeys = SigningFixtures.started(rs256, new SigningFixtures.InMemoryStore(), clock);
        JwtAccessTokens rsaTokens = new JwtAccessTokens(purpose -> HS_KEY.clone(), rsaKeys, rs256,
                "https://latchkey.test", null, null);
        String token = rsaTokens.encode(new TokenAttributes(TokenId.fromRandomBytes(new byte[16]),
                AccountId.fromRandomBytes(new byte[16]), TokenKind.ACCESS, TokenDescription.none(), Scopes.none(),
                Expiry.at(clock.instant().plus(Duration.ofMinutes(5))), Optional.empty(), Optional.empty(),
                Optional.empty()), clock.instant());

        assertThat(SignedJWT.parse(token).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(rsaTokens.verify(token)).isPresent();
        assertThat(tokens.verify(token)).as("not under the ES256 node's keys").isEmpty();
    }

    private static String encode(String json) {
        return URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, String input) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
    }

    private static final class Base64URLText {
        static String decode(String part) {
            return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
        }
    }
}
