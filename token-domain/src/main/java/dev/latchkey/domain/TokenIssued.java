package dev.latchkey.domain;

import java.time.Instant;
import java.util.Objects;

public record TokenIssued(TokenId tokenId, AccountId owner, TokenKind kind, Expiry expiry, Instant occurredAt)
        implements TokenEvent {

    public TokenIssued {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(expiry, "expiry");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
