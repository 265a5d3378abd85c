package dev.latchkey.adapter.persistence.notices;

import dev.latchkey.adapter.persistence.JdbcTransactions;
import dev.latchkey.adapter.persistence.Statements;
import dev.latchkey.adapter.persistence.TranslatesStoreFailures;
import dev.latchkey.application.port.out.MailOutboxPort;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.Actor;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.TokenId;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The sending side of the owners' mail outbox: a message is held by one node at a time through a conditional write
 * on its row, as webhook endpoints are; on PostgreSQL the search skips rows another node is claiming at that moment.
 */
@Singleton
@TranslatesStoreFailures
class MailOutboxPersistenceAdapter implements MailOutboxPort {

    private static final String DUE = "SELECT id FROM mail_message WHERE state = 'PENDING' AND next_attempt_at <= ? "
            + "AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY id FETCH FIRST ? ROWS ONLY";
    /** What a failure or a skip keeps of its reason. */
    private static final int LONGEST_OUTCOME = 1024;

    private final TransactionOperations<Connection> transactions;
    private final JdbcTransactions writes;

    MailOutboxPersistenceAdapter(TransactionOperations<Connection> transactions, JdbcTransactions writes) {
        this.transactions = transactions;
        this.writes = writes;
    }

    @Override
    public List<QueuedMail> claimDue(String node, Instant now, Instant until, int max) {
        // Most polls find nothing: a read answers them, and only a poll that found work opens a write.
        if (transactions.executeRead(status -> Statements.query(status.getConnection(), DUE,
                row -> row.getLong(1), now, now, 1)).isEmpty()) {
            return List.of();
        }
        return writes.writeOnConnection(connection -> {
            List<Long> candidates = Statements.query(connection, DUE + (Statements.isPostgres(connection)
                    ? " FOR UPDATE SKIP LOCKED" : ""), row -> row.getLong(1), now, now, max);
            List<QueuedMail> claimed = new ArrayList<>();
            for (long candidate : candidates) {
                if (Statements.update(connection, "UPDATE mail_message SET claimed_by = ?, claimed_until = ? "
                        + "WHERE id = ? AND state = 'PENDING' AND (claimed_until IS NULL OR claimed_until < ?)", node,
                        until, candidate, now) == 1) {
                    claimed.addAll(Statements.query(connection, "SELECT id, event_type, occurred_at, actor, "
                            + "account_id, token_id, detail, attempts, first_attempt_at FROM mail_message WHERE id = ?",
                            MailOutboxPersistenceAdapter::queued, candidate));
                }
            }
            return claimed;
        });
    }

    private static QueuedMail queued(ResultSet row) throws SQLException {
        AuditEvent event = AuditEvent.of(Statements.instant(row, 3), AuditEventType.valueOf(row.getString(2)),
                Actor.parse(row.getString(4)), Optional.of(new AccountId(row.getObject(5, UUID.class))),
                Optional.ofNullable(row.getObject(6, UUID.class)).map(TokenId::new), row.getString(7));
        return new QueuedMail(row.getLong(1), event, row.getInt(8), Optional.ofNullable(Statements.instant(row, 9)));
    }

    @Override
    public void sent(QueuedMail mail, Instant at) {
        attempted(mail, at, "SENT", at, "");
    }

    @Override
    public void retry(QueuedMail mail, Instant at, String failure, Instant retryAt) {
        attempted(mail, at, "PENDING", retryAt, failure);
    }

    @Override
    public void failed(QueuedMail mail, Instant at, String failure) {
        attempted(mail, at, "FAILED", at, failure);
    }

    @Override
    public void skipped(QueuedMail mail, String why) {
        writes.writeOnConnection(connection ->
                Statements.update(connection, "UPDATE mail_message SET state = 'SKIPPED', outcome = ?, "
                        + "claimed_by = NULL, claimed_until = NULL WHERE id = ?", cut(why), mail.id()));
    }

    private void attempted(QueuedMail mail, Instant at, String state, Instant nextAttempt, String outcome) {
        writes.writeOnConnection(connection ->
                Statements.update(connection, "UPDATE mail_message SET attempts = attempts + 1, "
                        + "first_attempt_at = COALESCE(first_attempt_at, ?), state = ?, next_attempt_at = ?, "
                        + "outcome = ?, claimed_by = NULL, claimed_until = NULL WHERE id = ?", at, state, nextAttempt,
                cut(outcome), mail.id()));
    }

    private static String cut(String text) {
        return text.length() > LONGEST_OUTCOME ? text.substring(0, LONGEST_OUTCOME) : text;
    }

}
