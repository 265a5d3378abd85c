package dev.latchkey.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A registered OAuth 2.0 confidential client, such as an API gateway or resource server that introspects tokens.
 * Holds the hash of its secret, never the secret.
 */
public record OAuthClient(ClientId id, String name, SecretHash secretHash, boolean enabled, Instant createdAt) {

    public static final int MAX_NAME_LENGTH = 100;

    public OAuthClient {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(secretHash, "secretHash");
        Objects.requireNonNull(createdAt, "createdAt");
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH
                || name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidValueException("name", "must be 1 to " + MAX_NAME_LENGTH + " printable characters");
        }
    }

    /** Constant-time check of a presented secret against the stored hash. */
    public boolean hasSecret(ClientSecret presented) {
        return secretHash.matches(presented.hash());
    }

    @Override
    public String toString() {
        return "OAuthClient[id=" + id + ", name=" + name + ", enabled=" + enabled + "]";
    }
}
