package dev.latchkey.domain;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * The bearer secret of a token, in clear. It exists only between generation and the response that shows it once,
 * or between a request's arrival and its hash lookup.
 *
 * <p>Format: {@code lk_} + 43 base62 characters carrying 256 random bits + 6 base62 characters of CRC32 over the
 * body. The prefix lets secret scanners recognise a leaked token; the checksum lets anyone reject a mistyped or
 * invented token offline, before it costs a database lookup.
 */
public final class TokenSecret {

    public static final String PREFIX = "lk_";
    public static final int RANDOM_BYTES = 32;
    static final int BODY_LENGTH = 43;      // 62^43 > 2^256
    static final int CHECKSUM_LENGTH = 6;   // 62^6 > 2^32
    /** {@code PREFIX} (3) + body + checksum; a literal so that it can be used in annotations. */
    public static final int LENGTH = 52;

    private final String rendered;

    private TokenSecret(String rendered) {
        this.rendered = rendered;
    }

    /** Renders {@value #RANDOM_BYTES} bytes drawn from the randomness port as a new secret. */
    public static TokenSecret fromRandomBytes(byte[] randomBytes) {
        if (randomBytes == null || randomBytes.length != RANDOM_BYTES) {
            throw new IllegalArgumentException("a token secret needs exactly " + RANDOM_BYTES + " random bytes");
        }
        String body = Base62.encode(new BigInteger(1, randomBytes), BODY_LENGTH);
        return new TokenSecret(PREFIX + body + checksumOf(body));
    }

    /**
     * Recognises a presented value as a Latchkey secret: right prefix, length, alphabet and checksum. Anything
     * else is empty, and need not be looked up.
     */
    public static Optional<TokenSecret> parse(String presented) {
        if (presented == null || presented.length() != LENGTH || !presented.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String body = presented.substring(PREFIX.length(), PREFIX.length() + BODY_LENGTH);
        String checksum = presented.substring(PREFIX.length() + BODY_LENGTH);
        if (!Base62.isBase62(body) || !checksumOf(body).equals(checksum)) {
            return Optional.empty();
        }
        return Optional.of(new TokenSecret(presented));
    }

    public SecretHash hash() {
        return SecretHash.of(rendered);
    }

    /** The secret in clear, for the one response that hands it to its owner. */
    public String reveal() {
        return rendered;
    }

    @Override
    public String toString() {
        return "TokenSecret[redacted]";
    }

    private static String checksumOf(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        return Base62.encode(crc.getValue(), CHECKSUM_LENGTH);
    }
}
