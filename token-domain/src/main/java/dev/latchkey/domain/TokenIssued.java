package dev.latchkey.domain;

import java.time.Instant;
import java.util.Objects;

/** A token came into being: who owns it, what kind it is and when it expires. */
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
