package dev.latchkey.adapter.persistence.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key-encryption key: the one secret that never enters the database, under which every key kept there is
 * encrypted (AES-256-GCM, a fresh nonce per wrap, the key's purpose as associated data so that a ciphertext moved to
 * another row does not open). Its id, a hash prefix, names it in each wrapped key without revealing it, so that a
 * node can tell "wrapped under a key I do not have" from corruption.
 */
public final class MasterKey {

    static final int BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String FORMAT = "v1";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;
    private final String id;

    private MasterKey(byte[] key) {
        this.key = key.clone();
        this.id = idOf(key);
    }

    /** A key as configured: 32 bytes in base64 (standard or URL-safe) or in hex. */
    static MasterKey parse(String encoded, String source) {
        String text = encoded.strip();
        byte[] bytes = null;
        if (text.matches("[0-9a-fA-F]{" + 2 * BYTES + "}")) {
            bytes = HexFormat.of().parseHex(text);
        } else {
            try {
                bytes = (text.contains("-") || text.contains("_") ? Base64.getUrlDecoder() : Base64.getDecoder())
                        .decode(text);
            } catch (IllegalArgumentException notBase64) {
                bytes = null;
            }
        }
        if (bytes == null || bytes.length != BYTES) {
            // Never quote the value: it is the secret.
            throw new IllegalStateException("The master key from " + source + " must be " + BYTES
                    + " bytes, in base64 or hex (for example the output of: openssl rand -base64 32)");
        }
        return new MasterKey(bytes);
    }

    public static MasterKey generate() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return new MasterKey(bytes);
    }

    public String encoded() {
        return Base64.getEncoder().encodeToString(key);
    }

    String id() {
        return id;
    }

    /** {@code v1:<key id>:<base64 of nonce, ciphertext and tag>}. */
    String wrap(byte[] plaintext, String purpose) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = cipher(Cipher.ENCRYPT_MODE, nonce, purpose).apply(plaintext);
        byte[] stored = new byte[NONCE_BYTES + sealed.length];
        System.arraycopy(nonce, 0, stored, 0, NONCE_BYTES);
        System.arraycopy(sealed, 0, stored, NONCE_BYTES, sealed.length);
        return FORMAT + ":" + id + ":" + Base64.getEncoder().encodeToString(stored);
    }

    /** The id of the key {@code wrapped} was made with, if it is wrapped at all. */
    static Optional<String> idOfWrapped(String wrapped) {
        String[] parts = wrapped.split(":", 3);
        return parts.length == 3 && parts[0].equals(FORMAT) ? Optional.of(parts[1]) : Optional.empty();
    }

    byte[] unwrap(String wrapped, String purpose) {
        String[] parts = wrapped.split(":", 3);
        if (parts.length != 3 || !parts[0].equals(FORMAT) || !parts[1].equals(id)) {
            throw new IllegalStateException("The stored key for " + purpose + " was not wrapped by this master key");
        }
        byte[] stored = Base64.getDecoder().decode(parts[2]);
        byte[] nonce = Arrays.copyOf(stored, NONCE_BYTES);
        return cipher(Cipher.DECRYPT_MODE, nonce, purpose)
                .apply(Arrays.copyOfRange(stored, NONCE_BYTES, stored.length));
    }

    private interface Operation {
        byte[] apply(byte[] input);
    }

    private Operation cipher(int mode, byte[] nonce, String purpose) {
        return input -> {
            try {
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
                cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
                return cipher.doFinal(input);
            } catch (GeneralSecurityException tamperedOrWrongKey) {
                throw new IllegalStateException("The stored key for " + purpose
                        + " does not open under the master key: it was altered, or moved from another row");
            }
        };
    }

    private static String idOf(byte[] key) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update("latchkey master key id".getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(key), 0, 8);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("Every Java runtime has SHA-256", impossible);
        }
    }

    @Override
    public String toString() {
        return "MasterKey[id=" + id + "]";
    }
}
