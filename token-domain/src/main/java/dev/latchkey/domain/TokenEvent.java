package dev.latchkey.domain;

import java.time.Instant;

/** Something that happened to a token, for the audit trail and for other nodes. Never carries the secret. */
public sealed interface TokenEvent permits TokenIssued, TokenRevoked, TokenRotated, TokenRefreshed, TokenUsed {

    TokenId tokenId();

    Instant occurredAt();
}
