package dev.latchkey.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The SHA-256 of a token secret: what is stored and looked up instead of the secret.
 *
 * <p>A plain, unsalted hash is enough here, unlike for passwords: the secret already carries 256 random bits, so
 * there is nothing to guess, and an unsalted hash is what makes lookup by index possible.
 */
public final class SecretHash {

    public static final int BYTES = 32;
    private static final HexFormat HEX = HexFormat.of();

    /**
     * One digest per thread, reset by each {@code digest()}: looking the algorithm up in the providers on every token
     * check cost more than the hash of a 52-character secret.
     */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java platform provides SHA-256", impossible);
        }
    });

    private final byte[] digest;

    private SecretHash(byte[] digest) {
        this.digest = digest;
    }

    public static SecretHash of(String secret) {
        return new SecretHash(SHA_256.get().digest(secret.getBytes(StandardCharsets.UTF_8)));
    }

    public static SecretHash fromHex(String hex) {
        if (hex == null || hex.length() != BYTES * 2) {
            throw new InvalidValueException("secretHash", "must be " + BYTES * 2 + " hexadecimal digits");
        }
        try {
            return new SecretHash(HEX.parseHex(hex));
        } catch (IllegalArgumentException notHex) {
            throw new InvalidValueException("secretHash", "must be " + BYTES * 2 + " hexadecimal digits");
        }
    }

    public String toHex() {
        return HEX.formatHex(digest);
    }

    /** Constant-time comparison: the time taken does not depend on where the digests first differ. */
    public boolean matches(SecretHash other) {
        return MessageDigest.isEqual(digest, other.digest);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecretHash that && matches(that);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return "SecretHash[" + toHex().substring(0, 8) + "…]";
    }
}
