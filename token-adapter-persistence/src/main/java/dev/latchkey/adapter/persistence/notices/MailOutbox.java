package dev.latchkey.adapter.persistence.notices;

import dev.latchkey.adapter.persistence.Statements;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.OwnerNotices;
import dev.latchkey.domain.TokenId;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.List;

/**
 * The outbox of owners' mail, written with the audit entries it tells of, on the same connection and in the same
 * transaction: one message per entry of a kind an owner may be told of, when the entry's account has an address and
 * wants notices. Present only where a relay is configured, so that an installation without one queues nothing.
 */
@Singleton
@Requires(property = "latchkey.mail.host")
public class MailOutbox {

    /** Writes the messages these entries may call for, in the caller's transaction. */
    public void enqueue(Connection connection, List<AuditEvent> events) {
        for (AuditEvent event : events) {
            if (!OwnerNotices.MAILED.contains(event.type()) || event.account().isEmpty()) {
                continue;
            }
            Statements.update(connection, "INSERT INTO mail_message (account_id, event_type, occurred_at, actor, "
                            + "token_id, detail, state, attempts, next_attempt_at, outcome) "
                            + "SELECT id, ?, ?, ?, CAST(? AS UUID), ?, 'PENDING', 0, ?, '' FROM account "
                            + "WHERE id = ? AND email IS NOT NULL AND notifications = TRUE",
                    event.type().name(), event.occurredAt(), event.actor().asText(),
                    event.token().map(TokenId::value).orElse(null), event.detail(), event.occurredAt(),
                    event.account().map(AccountId::value).orElseThrow());
        }
    }
}
