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

    @Override
    public String toString() {
        return "PasswordHash[redacted]";
    }
}
