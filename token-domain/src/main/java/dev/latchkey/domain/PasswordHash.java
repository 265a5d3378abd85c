package dev.latchkey.domain;

/**
 * A password hash in PHC string format ({@code $argon2id$v=19$m=...}). Not a secret in itself, but still an
 * offline-attack target, so it stays out of {@code toString()} and logs.
 */
public final class PasswordHash {

    private final String phcString;
    /** Worked out at its first use and kept: a token check hands its caller's stamp on with every request. */
    private volatile String stamp;

    public PasswordHash(String phcString) {
        if (phcString == null || !phcString.startsWith("$") || phcString.length() > 512) {
            throw new InvalidValueException("passwordHash", "must be a PHC string");
        }
        this.phcString = phcString;
    }

    public String phcString() {
        return phcString;
    }

    /**
     * A short fingerprint of this hash, which changes whenever the password is set again (a new hash has a new salt,
     * even for the same password): a session keeps it to end when the password it signed in with is replaced.
     * Useless for guessing the password: it is a digest of a salted hash.
     */
    public String stamp() {
        String known = stamp;
        if (known == null) {
            try {
                byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                        .digest(phcString.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                known = java.util.HexFormat.of().formatHex(digest, 0, 16);
            } catch (java.security.NoSuchAlgorithmException missing) {
                throw new IllegalStateException("every JDK has SHA-256", missing);
            }
            stamp = known;
        }
        return known;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PasswordHash that && phcString.equals(that.phcString);
    }

    @Override
    public int hashCode() {
        return phcString.hashCode();
    }

    @Override
    public String toString() {
        return "PasswordHash[redacted]";
    }
}
