package dev.latchkey.domain;

import java.util.Optional;

/**
 * The secret of an OAuth 2.0 client: {@code lkc_} and 49 base62 characters. High-entropy like a token, so it is
 * stored as SHA-256 and checked by lookup, not with a slow password hash: a resource server authenticates with it on
 * every introspection.
 */
public final class ClientSecret extends Secret {

    public static final String PREFIX = "lkc_";
    private static final SecretFormat FORMAT = new SecretFormat(PREFIX);

    private ClientSecret(String rendered) {
        super(rendered);
    }

    public static ClientSecret fromRandomBytes(byte[] randomBytes) {
        return new ClientSecret(FORMAT.render(randomBytes));
    }

    public static Optional<ClientSecret> parse(String presented) {
        return FORMAT.isWellFormed(presented) ? Optional.of(new ClientSecret(presented)) : Optional.empty();
    }
}
