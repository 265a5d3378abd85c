package dev.latchkey.domain;

import java.util.Optional;

/**
 * The secret of an OAuth 2.0 client, in clear: {@code lkc_} and 49 base62 characters (see {@link SecretFormat}).
 * High-entropy like a token, so it is stored as SHA-256 and checked by lookup, not with a slow password hash: a
 * resource server authenticates with it on every introspection.
 */
public final class ClientSecret {

    public static final String PREFIX = "lkc_";
    private static final SecretFormat FORMAT = new SecretFormat(PREFIX);

    private final String rendered;

    private ClientSecret(String rendered) {
        this.rendered = rendered;
    }

    public static ClientSecret fromRandomBytes(byte[] randomBytes) {
        return new ClientSecret(FORMAT.render(randomBytes));
    }

    public static Optional<ClientSecret> parse(String presented) {
        return FORMAT.isWellFormed(presented) ? Optional.of(new ClientSecret(presented)) : Optional.empty();
    }

    public SecretHash hash() {
        return SecretHash.of(rendered);
    }

    public String reveal() {
        return rendered;
    }

    @Override
    public String toString() {
        return "ClientSecret[redacted]";
    }
}
