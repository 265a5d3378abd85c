package dev.latchkey.domain;

import java.time.Instant;

/**
 * Something that happened to a token, recorded in the audit trail with whoever caused it. Never carries the secret.
 */
public sealed interface TokenEvent permits TokenIssued, TokenRevoked, TokenRotated, TokenRefreshed, TokenUsed {

    TokenId tokenId();

    Instant occurredAt();
}
