package dev.latchkey.application.service;

import dev.latchkey.application.port.out.LoadTokenPort;
import dev.latchkey.domain.SecretHash;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenSecret;
import java.util.Optional;

/**
 * Finds the token a presented credential belongs to: the one place that knows how credentials are recognised.
 * Malformed input is rejected before any lookup; the hash of the stored token is compared again in constant time.
 */
final class PresentedCredentials {

    private final LoadTokenPort tokens;

    PresentedCredentials(LoadTokenPort tokens) {
        this.tokens = tokens;
    }

    /** Empty when the value is not a Latchkey credential at all. */
    Optional<SecretHash> recognise(String presented) {
        return TokenSecret.parse(presented).map(TokenSecret::hash);
    }

    Optional<Token> find(String presented) {
        return recognise(presented).flatMap(this::find);
    }

    Optional<Token> find(SecretHash hash) {
        return tokens.loadBySecretHash(hash).filter(token -> token.hasSecretHash(hash));
    }
}
