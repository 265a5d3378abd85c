package dev.latchkey.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An event as Latchkey announces it: its published name ({@code token.revoked}, {@code token.expiring}), when it
 * happened, who caused it, the account and token it is about, the audit trail's detail (never a secret), and how many
 * occurrences it stands for (coalesced events count several).
 */
public record OutboundEvent(String type, Instant occurredAt, Actor actor, Optional<AccountId> account,
                            Optional<TokenId> token, String detail, long count) {

    public OutboundEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(detail, "detail");
    }

    /** An audit entry announced under one of its names ({@link WebhookEventTypes#namesOf}). */
    public static OutboundEvent announcing(AuditEvent entry, String name) {
        return new OutboundEvent(name, entry.occurredAt(), entry.actor(), entry.account(), entry.token(),
                entry.detail(), entry.count());
    }
}
