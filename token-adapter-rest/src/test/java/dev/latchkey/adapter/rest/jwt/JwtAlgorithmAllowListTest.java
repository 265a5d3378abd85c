package dev.latchkey.adapter.rest.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.Expiry;
import dev.latchkey.domain.GrantId;
import dev.latchkey.domain.GrantSurface;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.TokenAttributes;
import dev.latchkey.domain.TokenDescription;
import dev.latchkey.domain.TokenId;
import dev.latchkey.domain.TokenKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The verifier's own line of defence, apart from the stored-token check behind it: a JWT whose header names any
 * algorithm but HS256 is not Latchkey's, even when its signature is a correct MAC under the server key.
 */
class JwtAlgorithmAllowListTest {

    private static final byte[] KEY = "a server key of thirty-two bytes".getBytes(StandardCharsets.US_ASCII);
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private static final SigningSettings HS256 = SigningFixtures.settings(com.nimbusds.jose.JWSAlgorithm.HS256);
    private final JwtAccessTokens tokens = new JwtAccessTokens(purpose -> KEY.clone(),
            SigningFixtures.started(HS256, new SigningFixtures.InMemoryStore(), java.time.Clock.systemUTC()), HS256,
            "https://latchkey.test", null, null);

    private String genuine() {
        TokenAttributes attributes = new TokenAttributes(TokenId.fromRandomBytes(new byte[16]),
                AccountId.fromRandomBytes(new byte[16]), TokenKind.ACCESS, TokenDescription.none(), Scopes.of("read"),
                Expiry.at(Instant.now().plusSeconds(600)), Optional.of(GrantId.fromRandomBytes(new byte[16])),
                Optional.empty(), Optional.of(GrantSurface.TOKEN_ENDPOINT));
        return tokens.encode(attributes, Instant.now());
    }

    @ParameterizedTest(name = "alg {0}")
    @ValueSource(strings = {"HS384", "HS512", "none", "None", "RS256", "ES256", "PS256"})
    void onlyHs256IsLatchkeys(String algorithm) throws Exception {
        String[] parts = genuine().split("\\.");
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8)
                .replace("\"HS256\"", "\"" + algorithm + "\"");
        String signingInput = URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "." + parts[1];
        String mac = switch (algorithm) {
            case "HS384" -> URL.encodeToString(mac("HmacSHA384", signingInput));
            case "HS512" -> URL.encodeToString(mac("HmacSHA512", signingInput));
            default -> URL.encodeToString(mac("HmacSHA256", signingInput));
        };

        assertThat(tokens.verify(signingInput + "." + mac)).isEmpty();
        assertThat(tokens.verify(signingInput + ".")).isEmpty();
    }

    @ParameterizedTest(name = "control {0}")
    @ValueSource(strings = {"HS256"})
    void theGenuineTokenVerifies(String algorithm) {
        assertThat(tokens.verify(genuine())).isPresent();
    }

    private static byte[] mac(String algorithm, String input) throws Exception {
        byte[] key = algorithm.equals("HmacSHA512") || algorithm.equals("HmacSHA384") ? concat(KEY, KEY) : KEY;
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(key, algorithm));
        return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
