package dev.latchkey.application.service;

import dev.latchkey.application.port.out.JwtAccessTokenPort;
import dev.latchkey.application.port.out.LoadTokenPort;
import dev.latchkey.domain.SecretHash;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenSecret;
import dev.latchkey.domain.TokenSecretFormat;
import java.util.Optional;

/**
 * Finds the token a presented credential belongs to: the one place that knows how credentials are recognised, an
 * opaque secret with one of the installation's prefixes ({@code lk_} unless it chose others) or a signed JWT. Malformed input is rejected before any lookup; the stored hash of the
 * credential is compared again, in constant time, so that only the exact credential issued is accepted.
 */
final class PresentedCredentials {

    private final LoadTokenPort tokens;
    private final JwtAccessTokenPort jwts;
    private final TokenSecretFormat secrets;

    PresentedCredentials(LoadTokenPort tokens, JwtAccessTokenPort jwts, TokenSecretFormat secrets) {
        this.tokens = tokens;
        this.jwts = jwts;
        this.secrets = secrets;
    }

    /** The credentials of the store's tokens, opaque ones in its secret format. */
    static PresentedCredentials of(LatchkeyServices.TokenStore store, JwtAccessTokenPort jwts) {
        return new PresentedCredentials(store.loads(), jwts, store.secrets());
    }

    /** Whether the value is a Latchkey credential at all: a well-formed secret, or a JWT whose checks pass. */
    boolean isWellFormed(String presented) {
        return secrets.parse(presented).isPresent() || jwts.verify(presented).isPresent();
    }

    Optional<Token> find(String presented) {
        Optional<TokenSecret> secret = secrets.parse(presented);
        if (secret.isPresent()) {
            SecretHash hash = secret.get().hash();
            return tokens.loadBySecretHash(hash).filter(token -> token.hasSecretHash(hash));
        }
        SecretHash hash = SecretHash.of(presented);
        return jwts.verify(presented).flatMap(tokens::loadById).filter(token -> token.hasSecretHash(hash));
    }
}
