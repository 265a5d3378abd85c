package dev.latchkey.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The record of a rotation made with an idempotency key: which token was replaced by which, and the random salt
 * from which the replacement's secret was derived, so that a retry can hand out the same secret without it ever
 * being stored.
 *
 * @param presentedBy the token the rotating caller presented, empty when it used its password: a retry with the key
 *                    is answered only to the same credential, never to another of the account's
 * @param saltHex     32 random bytes, hex-encoded
 */
public record Rotation(AccountId account, IdempotencyKey key, Optional<TokenId> presentedBy, TokenId rotated,
                       TokenId replacement, String saltHex, Instant at) {

    public Rotation {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(presentedBy, "presentedBy");
        Objects.requireNonNull(rotated, "rotated");
        Objects.requireNonNull(replacement, "replacement");
        Objects.requireNonNull(saltHex, "saltHex");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String toString() {
        return "Rotation[account=" + account + ", rotated=" + rotated + ", replacement=" + replacement + "]";
    }
}
