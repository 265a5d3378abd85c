package dev.latchkey.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the audit trail: what happened, when, who did it, to which account and token, and why. It never holds
 * a secret: a refused token is named by a short fingerprint, a password never.
 *
 * @param account the account the event concerns: a token's owner, or the account changed
 * @param detail  why, and what else an operator needs, in a few words ("reason=REQUESTED")
 * @param count   how many occurrences this entry stands for: more than one only for coalesced events, such as uses
 */
public record AuditEvent(Instant occurredAt, AuditEventType type, Actor actor, Optional<AccountId> account,
                         Optional<TokenId> token, String detail, long count) {

    private static final int LONGEST_DETAIL = 500;

    public AuditEvent {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(detail, "detail");
        if (count < 1) {
            throw new IllegalArgumentException("an event stands for at least one occurrence");
        }
        if (detail.length() > LONGEST_DETAIL) {
            detail = detail.substring(0, LONGEST_DETAIL);
        }
    }

    public static AuditEvent of(Instant occurredAt, AuditEventType type, Actor actor, Optional<AccountId> account,
                                Optional<TokenId> token, String detail) {
        return new AuditEvent(occurredAt, type, actor, account, token, detail, 1);
    }

    /** The audit entry that records a token's event, made by {@code actor}. */
    public static AuditEvent of(TokenEvent event, Actor actor) {
        if (event instanceof TokenIssued issued) {
            return of(issued.occurredAt(), AuditEventType.TOKEN_ISSUED, actor, Optional.of(issued.owner()),
                    Optional.of(issued.tokenId()), "kind=" + issued.kind() + " expires="
                            + issued.expiry().instant().map(Instant::toString).orElse("never"));
        }
        if (event instanceof TokenRevoked revoked) {
            return of(revoked.occurredAt(), AuditEventType.TOKEN_REVOKED, actor, Optional.of(revoked.owner()),
                    Optional.of(revoked.tokenId()), "reason=" + revoked.reason());
        }
        if (event instanceof TokenRotated rotated) {
            return of(rotated.occurredAt(), AuditEventType.TOKEN_ROTATED, actor, Optional.of(rotated.owner()),
                    Optional.of(rotated.tokenId()), "replacement=" + rotated.replacement() + " retires="
                            + rotated.retiresAt());
        }
        if (event instanceof TokenRefreshed refreshed) {
            return of(refreshed.occurredAt(), AuditEventType.TOKEN_REFRESHED, actor, Optional.of(refreshed.owner()),
                    Optional.of(refreshed.tokenId()), "");
        }
        TokenUsed used = (TokenUsed) event;
        return of(used.occurredAt(), AuditEventType.TOKEN_USED, actor, Optional.of(used.owner()),
                Optional.of(used.tokenId()), "");
    }

    /** The value of the detail's {@code key=value} part, if it has a non-empty one. */
    public Optional<String> detailValue(String key) {
        return valueIn(detail, key);
    }

    /** The value of a trail detail's {@code key=value} part, if it has a non-empty one. */
    static Optional<String> valueIn(String detail, String key) {
        String prefix = key + "=";
        for (String part : detail.split(" ")) {
            if (part.startsWith(prefix) && part.length() > prefix.length()) {
                return Optional.of(part.substring(prefix.length()));
            }
        }
        return Optional.empty();
    }
}
