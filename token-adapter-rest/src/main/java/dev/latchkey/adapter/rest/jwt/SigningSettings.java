package dev.latchkey.adapter.rest.jwt;

import com.nimbusds.jose.JWSAlgorithm;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How JWT access tokens are signed ({@code latchkey.oauth.jwt.*}, made by the bootstrap).
 *
 * @param signsAccessTokens    whether access tokens are JWTs at all ({@code latchkey.oauth.access-token-format=jwt});
 *                             without them no signing key is made or published
 * @param algorithm            ES256 (the default), RS256, or HS256 for a single party that shares one secret
 * @param rotationPeriod       how long a key signs before its successor is made
 * @param publishAhead         how long a new key is published before it signs: longer than resource servers cache
 *                             the key set
 * @param keySetMaxAge         how long resource servers may cache the key set ({@code Cache-Control: max-age})
 * @param longestTokenLifetime the longest lifetime of a signed access token: a retired key stays published that long
 * @param refreshInterval      how often a node reads the keys other nodes may have made
 */
public record SigningSettings(boolean signsAccessTokens, JWSAlgorithm algorithm, Duration rotationPeriod, Duration publishAhead,
                              Duration keySetMaxAge, Duration longestTokenLifetime, Duration refreshInterval) {

    public static final Set<JWSAlgorithm> SUPPORTED =
            Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256, JWSAlgorithm.HS256);

    /** From configuration: the algorithm by its JWS name, in any case. */
    public static SigningSettings of(boolean signsAccessTokens, String algorithm, Duration rotationPeriod,
                                     Duration publishAhead, Duration keySetMaxAge, Duration longestTokenLifetime,
                                     Duration refreshInterval) {
        return new SigningSettings(signsAccessTokens,
                JWSAlgorithm.parse(algorithm.strip().toUpperCase(java.util.Locale.ROOT)), rotationPeriod,
                publishAhead, keySetMaxAge, longestTokenLifetime, refreshInterval);
    }

    public SigningSettings {
        Objects.requireNonNull(algorithm, "algorithm");
        if (!SUPPORTED.contains(algorithm)) {
            throw new IllegalArgumentException("latchkey.oauth.jwt.algorithm must be ES256, RS256 or HS256");
        }
        if (publishAhead.compareTo(keySetMaxAge) <= 0) {
            throw new IllegalArgumentException("latchkey.oauth.jwt.publish-ahead (" + publishAhead
                    + ") must be longer than latchkey.oauth.jwt.key-set-max-age (" + keySetMaxAge
                    + "), or resource servers may meet a key before their cached key set has it");
        }
        if (rotationPeriod.compareTo(publishAhead) <= 0) {
            throw new IllegalArgumentException("latchkey.oauth.jwt.rotation-period must be longer than publish-ahead");
        }
        if (refreshInterval.isNegative() || refreshInterval.isZero() || publishAhead.compareTo(refreshInterval) <= 0) {
            throw new IllegalArgumentException("latchkey.oauth.jwt.key-refresh-interval must be positive and "
                    + "shorter than publish-ahead, so that every node has a key before it signs");
        }
    }

    /** Whether access tokens are signed with published key pairs, rather than a shared secret or not at all. */
    public boolean asymmetric() {
        return signsAccessTokens && !JWSAlgorithm.HS256.equals(algorithm);
    }
}
