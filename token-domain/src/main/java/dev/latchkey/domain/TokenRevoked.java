package dev.latchkey.domain;

import java.time.Instant;
import java.util.Objects;

/** A token was revoked, and for what reason. */
public record TokenRevoked(TokenId tokenId, AccountId owner, RevocationReason reason, Instant occurredAt)
        implements TokenEvent {

    public TokenRevoked {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
