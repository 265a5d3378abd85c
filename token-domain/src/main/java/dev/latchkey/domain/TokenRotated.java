package dev.latchkey.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A token was replaced by a new one and will stop being valid at {@code retiresAt}, the end of the overlap its owner
 * asked for (which may be the same instant).
 */
public record TokenRotated(TokenId tokenId, AccountId owner, TokenId replacement, Instant retiresAt,
                           Instant occurredAt) implements TokenEvent {

    public TokenRotated {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(replacement, "replacement");
        Objects.requireNonNull(retiresAt, "retiresAt");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
