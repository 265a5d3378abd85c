package dev.latchkey.domain;

import java.time.Instant;
import java.util.Objects;

/** A token was presented and accepted. */
public record TokenUsed(TokenId tokenId, AccountId owner, Instant occurredAt) implements TokenEvent {

    public TokenUsed {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
