package dev.latchkey.domain;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The key a webhook endpoint's deliveries are signed with, in the Standard Webhooks form: {@code whsec_} and the key's
 * bytes in base64. Unlike a token secret it is kept (wrapped by the master key), because every delivery is signed with
 * it; it is shown to the administrator once, when it is made, and never prints itself.
 */
public final class WebhookSecret {

    public static final String PREFIX = "whsec_";
    /** Bytes of a secret Latchkey makes: 256 bits, as HMAC-SHA256 wants. */
    public static final int RANDOM_BYTES = 32;
    /** The fewest bytes a secret read back may have (Standard Webhooks asks for 24 to 64). */
    private static final int MIN_BYTES = 24;
    private static final int MAX_BYTES = 64;

    private final byte[] key;

    private WebhookSecret(byte[] key) {
        this.key = key.clone();
    }

    /** A new secret from {@value #RANDOM_BYTES} bytes drawn from the randomness port. */
    public static WebhookSecret fromRandomBytes(byte[] randomBytes) {
        if (randomBytes == null || randomBytes.length != RANDOM_BYTES) {
            throw new IllegalArgumentException("a webhook secret needs exactly " + RANDOM_BYTES + " random bytes");
        }
        return new WebhookSecret(randomBytes);
    }

    /** A secret in its {@code whsec_} form, as stored or as a receiver holds it; empty when it is not one. */
    public static Optional<WebhookSecret> parse(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            byte[] key = Base64.getDecoder().decode(text.substring(PREFIX.length()));
            return key.length < MIN_BYTES || key.length > MAX_BYTES ? Optional.empty()
                    : Optional.of(new WebhookSecret(key));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    /** The key's bytes, for the HMAC. */
    public byte[] keyBytes() {
        return key.clone();
    }

    /** The secret in clear, for the one response that hands it to the administrator, and for the wrapped store. */
    public String reveal() {
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookSecret secret && MessageDigest.isEqual(key, secret.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "WebhookSecret[redacted]";
    }
}
