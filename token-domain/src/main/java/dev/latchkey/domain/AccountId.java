package dev.latchkey.domain;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Identifies an account; assigned at creation, never null. */
public record AccountId(UUID value) {

    public AccountId {
        Objects.requireNonNull(value, "value");
    }

    public static AccountId fromRandomBytes(byte[] sixteenRandomBytes) {
        return new AccountId(TokenId.RandomUuid.fromBytes(sixteenRandomBytes));
    }

    public static Optional<AccountId> parse(String text) {
        return TokenId.RandomUuid.parse(text).map(AccountId::new);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
