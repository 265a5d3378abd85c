package dev.latchkey.domain;

import java.time.Instant;
import java.util.Objects;

/** A refresh token was spent on its one exchange for a new pair of its grant. */
public record TokenRefreshed(TokenId tokenId, AccountId owner, Instant occurredAt) implements TokenEvent {

    public TokenRefreshed {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
