package dev.latchkey.domain;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies one authorization grant: the first access and refresh tokens obtained with a password, and every pair
 * obtained by refreshing since. Revoking a grant revokes all of them.
 */
public record GrantId(UUID value) {

    public GrantId {
        Objects.requireNonNull(value, "value");
    }

    public static GrantId fromRandomBytes(byte[] sixteenRandomBytes) {
        return new GrantId(TokenId.RandomUuid.fromBytes(sixteenRandomBytes));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
