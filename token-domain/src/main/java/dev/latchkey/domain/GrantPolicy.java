package dev.latchkey.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * How the token endpoint issues: lifetimes of access and refresh tokens, and how long after a refresh token is spent
 * a second presentation still counts as a concurrent retry rather than a replay.
 *
 * @param surface     the interface this policy's grants are made through; their refresh tokens redeem only there
 * @param reuseLeeway within this time of a refresh token's exchange, presenting it again is refused without treating
 *                    the grant as stolen (two requests racing, a client retrying); after it, the whole grant is
 *                    revoked. Zero treats every second presentation as theft.
 */
public record GrantPolicy(GrantSurface surface, Lifetime accessTokenLifetime, Lifetime refreshTokenLifetime,
                          Duration reuseLeeway, AccessTokenFormat accessTokenFormat,
                          boolean refreshRevokesEarlierTokens) {

    /** RFC 6749's token endpoint: a refresh leaves earlier access tokens valid until they expire. */
    public static GrantPolicy standard(Lifetime accessTokenLifetime, Lifetime refreshTokenLifetime, Duration reuseLeeway,
                                       AccessTokenFormat accessTokenFormat) {
        return new GrantPolicy(GrantSurface.TOKEN_ENDPOINT, accessTokenLifetime, refreshTokenLifetime, reuseLeeway,
                accessTokenFormat, false);
    }

    /** How a grant's credentials are encoded; refresh tokens are opaque unless both are account JWTs. */
    public enum AccessTokenFormat {
        /** An {@code lk_} secret, meaningful only to Latchkey (resource servers introspect it). */
        OPAQUE,
        /** A signed RFC 9068 JWT that resource servers can also validate themselves. */
        JWT,
        /** Access and refresh tokens both as signed JWTs that carry their owner's identity as claims. */
        ACCOUNT_JWT
    }

    public GrantPolicy {
        Objects.requireNonNull(surface, "surface");
        Objects.requireNonNull(accessTokenFormat, "accessTokenFormat");
        Objects.requireNonNull(accessTokenLifetime, "accessTokenLifetime");
        Objects.requireNonNull(refreshTokenLifetime, "refreshTokenLifetime");
        Objects.requireNonNull(reuseLeeway, "reuseLeeway");
        if (!(accessTokenLifetime instanceof Lifetime.Finite) || !(refreshTokenLifetime instanceof Lifetime.Finite)) {
            throw new InvalidValueException("lifetime", "access and refresh tokens from a grant must expire");
        }
        if (reuseLeeway.isNegative()) {
            throw new InvalidValueException("reuseLeeway", "must not be negative");
        }
    }
}
