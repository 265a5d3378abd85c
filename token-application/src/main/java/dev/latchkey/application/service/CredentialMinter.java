package dev.latchkey.application.service;

import dev.latchkey.application.port.out.JwtAccessTokenPort;
import dev.latchkey.application.port.out.RandomnessPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.SecretHash;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenAttributes;
import dev.latchkey.domain.TokenSecret;
import dev.latchkey.domain.TokenSecretFormat;
import java.time.Instant;

/**
 * The one place a new token's credential is made, and the token that holds its hash: an opaque secret of 256 random
 * bits, or a signed JWT (with or without its owner's claims). The credential is in clear only in what this returns.
 */
final class CredentialMinter {

    private final RandomnessPort randomness;
    private final JwtAccessTokenPort jwts;
    private final TokenSecretFormat secrets;

    CredentialMinter(RandomnessPort randomness, JwtAccessTokenPort jwts, TokenSecretFormat secrets) {
        this.randomness = randomness;
        this.jwts = jwts;
        this.secrets = secrets;
    }

    /**
     * A new opaque secret with the installation's prefix: {@link TokenSecret#RANDOM_BYTES} random bytes from the
     * randomness port.
     */
    static TokenSecret newSecret(TokenSecretFormat secrets, RandomnessPort randomness) {
        return secrets.render(randomness.nextBytes(TokenSecret.RANDOM_BYTES));
    }

    String opaque() {
        return newSecret(secrets, randomness).reveal();
    }

    String jwt(TokenAttributes attributes, Instant issuedAt) {
        return jwts.encode(attributes, issuedAt);
    }

    String jwtWithAccountClaims(TokenAttributes attributes, Instant issuedAt, Account owner) {
        return jwts.encodeWithAccountClaims(attributes, issuedAt, owner);
    }

    /** The token whose credential this is: only its hash is kept. */
    static Token.Issued tokenFor(TokenAttributes attributes, Instant issuedAt, String credential) {
        return Token.issue(attributes, issuedAt, SecretHash.of(credential));
    }
}
