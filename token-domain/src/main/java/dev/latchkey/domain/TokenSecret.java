package dev.latchkey.domain;

import java.util.Optional;

/** The bearer secret of an opaque token: {@code lk_} and 49 base62 characters. */
public final class TokenSecret extends Secret {

    public static final String PREFIX = "lk_";
    public static final int RANDOM_BYTES = SecretFormat.RANDOM_BYTES;
    /** {@code PREFIX} (3) + body + checksum; a literal so that it can be used in annotations. */
    public static final int LENGTH = 52;
    private static final SecretFormat FORMAT = new SecretFormat(PREFIX);

    private TokenSecret(String rendered) {
        super(rendered);
    }

    /** Renders {@value #RANDOM_BYTES} bytes drawn from the randomness port as a new secret. */
    public static TokenSecret fromRandomBytes(byte[] randomBytes) {
        return new TokenSecret(FORMAT.render(randomBytes));
    }

    /**
     * Recognises a presented value as a Latchkey token secret: right prefix, length, alphabet and checksum. Anything
     * else is empty, and need not be looked up.
     */
    public static Optional<TokenSecret> parse(String presented) {
        return FORMAT.isWellFormed(presented) ? Optional.of(new TokenSecret(presented)) : Optional.empty();
    }
}
