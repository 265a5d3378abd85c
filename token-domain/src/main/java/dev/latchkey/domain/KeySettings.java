package dev.latchkey.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * What a client proves with keys instead of a shared secret (issue 26): the public keys it signs its assertions with
 * ({@code private_key_jwt}), and whether every access token it gets must be bound to a key of its own by a DPoP proof
 * (RFC 9449 section 5.2, {@code dpop_bound_access_tokens}), so that none it holds is a bearer token.
 */
public record KeySettings(Optional<ClientKeys> keys, boolean dpopBoundAccessTokens) {

    public KeySettings {
        Objects.requireNonNull(keys, "keys");
    }

    /** A client that authenticates with a secret, or none, and may get bearer tokens. */
    public static KeySettings none() {
        return new KeySettings(Optional.empty(), false);
    }
}
