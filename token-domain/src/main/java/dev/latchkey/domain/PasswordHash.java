package dev.latchkey.domain;

/**
 * A password hash in PHC string format ({@code $argon2id$v=19$m=...}). Not a secret in itself, but still an
 * offline-attack target, so it stays out of {@code toString()} and logs.
 */
public record PasswordHash(String phcString) {

    public PasswordHash {
        if (phcString == null || !phcString.startsWith("$") || phcString.length() > 512) {
            throw new InvalidValueException("passwordHash", "must be a PHC string");
        }
    }

    /**
     * A short fingerprint of this hash, which changes whenever the password is set again (a new hash has a new salt,
     * even for the same password): a session keeps it to end when the password it signed in with is replaced.
     * Useless for guessing the password: it is a digest of a salted hash.
     */
    public String stamp() {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(phcString.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 16);
        } catch (java.security.NoSuchAlgorithmException missing) {
            throw new IllegalStateException("every JDK has SHA-256", missing);
        }
    }

    @Override
    public String toString() {
        return "PasswordHash[redacted]";
    }
}
