package dev.latchkey.application.port.out;

import dev.latchkey.domain.TokenAttributes;
import dev.latchkey.domain.TokenId;
import java.time.Instant;
import java.util.Optional;

/**
 * Access tokens as signed JWTs (RFC 9068), for resource servers that validate tokens locally. The JWT is only an
 * encoding: its {@code jti} is a stored token's id, so a JWT is revocable like any other token.
 */
public interface JwtAccessTokenPort {

    /** Signs a JWT carrying the token's attributes. */
    String encode(TokenAttributes attributes, Instant issuedAt);

    /**
     * The id of the token a presented JWT stands for, if its signature, algorithm, type, issuer, audience and expiry
     * all check out; empty for anything else, including values that are no JWT at all.
     */
    Optional<TokenId> verify(String presented);
}
