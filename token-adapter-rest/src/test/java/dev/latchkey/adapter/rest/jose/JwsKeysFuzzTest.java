package dev.latchkey.adapter.rest.jose;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import java.text.ParseException;

/**
 * The public keys clients present (a DPoP proof's {@code jwk}, a registered key set's members): any JWK a fuzzer
 * writes is parsed and taken or refused for each algorithm, never thrown on, and never taken if it holds a private part.
 */
class JwsKeysFuzzTest {

    private final JwsKeys keys = new JwsKeys();

    @FuzzTest(maxDuration = "60s")
    void anyJwkIsTakenOrRefused(FuzzedDataProvider data) {
        JWK jwk;
        try {
            jwk = JWK.parse(data.consumeRemainingAsString());
        } catch (ParseException | RuntimeException notAJwk) {
            return;
        }
        for (JWSAlgorithm algorithm : new JWSAlgorithm[] {JWSAlgorithm.ES256, JWSAlgorithm.RS256, JWSAlgorithm.PS256,
                JWSAlgorithm.EdDSA, JWSAlgorithm.HS256, JWSAlgorithm.parse("none")}) {
            if (keys.keyOf(jwk, algorithm).isPresent() && (jwk.isPrivate()
                    || !JwsKeys.ALGORITHMS.contains(algorithm))) {
                throw new AssertionError("took a private key or a symmetric algorithm: " + algorithm);
            }
        }
        keys.usable(jwk);
    }
}
