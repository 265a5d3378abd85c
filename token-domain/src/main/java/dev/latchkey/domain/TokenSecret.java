package dev.latchkey.domain;

import java.util.Optional;

/**
 * The bearer secret of an opaque token: the installation's prefix ({@code lk_} unless it chose another, see
 * {@link TokenSecretFormat}) and 49 base62 characters.
 */
public final class TokenSecret extends Secret {

    /** Latchkey's own prefix, which every installation issues unless it chose another. */
    public static final String PREFIX = TokenSecretFormat.DEFAULT_PREFIX;
    public static final int RANDOM_BYTES = SecretFormat.RANDOM_BYTES;
    /** {@code PREFIX} (3) + body + checksum; a literal so that it can be used in annotations. */
    public static final int LENGTH = 52;

    private TokenSecret(String rendered) {
        super(rendered);
    }

    /** A secret {@link TokenSecretFormat} rendered or recognised. */
    static TokenSecret rendered(String rendered) {
        return new TokenSecret(rendered);
    }

    /** Renders {@value #RANDOM_BYTES} bytes drawn from the randomness port as a new secret with Latchkey's prefix. */
    public static TokenSecret fromRandomBytes(byte[] randomBytes) {
        return TokenSecretFormat.STANDARD.render(randomBytes);
    }

    /**
     * Recognises a presented value as a token secret with Latchkey's own prefix: right prefix, length, alphabet and
     * checksum. Anything else is empty, and need not be looked up. An installation with a prefix of its own parses
     * with its {@link TokenSecretFormat}.
     */
    public static Optional<TokenSecret> parse(String presented) {
        return TokenSecretFormat.STANDARD.parse(presented);
    }
}
