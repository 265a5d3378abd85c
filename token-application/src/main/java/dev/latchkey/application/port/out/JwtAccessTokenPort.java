package dev.latchkey.application.port.out;

import dev.latchkey.domain.Account;
import dev.latchkey.domain.TokenAttributes;
import dev.latchkey.domain.TokenId;
import java.time.Instant;
import java.util.Optional;

/**
 * Access tokens as signed JWTs (RFC 9068), for resource servers that validate tokens locally. The JWT is only an
 * encoding: its {@code jti} is a stored token's id, so a JWT is revocable like any other token.
 */
public interface JwtAccessTokenPort {

    /** Signs an RFC 9068 access-token JWT carrying the token's attributes. */
    String encode(TokenAttributes attributes, Instant issuedAt);

    /**
     * Signs a self-describing JWT for a personal token: its id and expiry, and its owner's username, e-mail and
     * organization, for clients that read who the token belongs to from the token itself.
     */
    String encodeWithAccountClaims(TokenAttributes attributes, Instant issuedAt, Account owner);

    /**
     * The id of the token a presented JWT stands for, if it is one of the two kinds above and its signature,
     * algorithm, type, expiry (and, for access tokens, issuer and audience) check out; empty for anything else,
     * including values that are no JWT at all.
     */
    Optional<TokenId> verify(String presented);
}
