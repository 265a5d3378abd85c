package dev.latchkey.adapter.persistence.tokens;

import dev.latchkey.adapter.persistence.JdbcTransactions;
import dev.latchkey.adapter.persistence.Statements;
import dev.latchkey.adapter.persistence.TranslatesStoreFailures;
import dev.latchkey.adapter.persistence.UniqueViolation;
import dev.latchkey.application.port.out.ExpiryScanPort;
import dev.latchkey.domain.Token;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The expiry scan's cursors, one row per threshold in {@code expiry_scan}, locked with {@code SELECT … FOR UPDATE}
 * (H2 and PostgreSQL alike), and the tokens a threshold passed, read as a range of the (expiry, id) index.
 */
@Singleton
@TranslatesStoreFailures
class ExpiryScanPersistenceAdapter implements ExpiryScanPort {

    private final TransactionOperations<Connection> transactions;
    private final JdbcTransactions writes;

    ExpiryScanPersistenceAdapter(TransactionOperations<Connection> transactions, JdbcTransactions writes) {
        this.transactions = transactions;
        this.writes = writes;
    }

    @Override
    public void begin(Duration threshold, Instant start) {
        try {
            writes.write(() -> transactions.executeWrite(status -> Statements.update(status.getConnection(),
                    "INSERT INTO expiry_scan (threshold_seconds, expires_at, token_id) SELECT ?, ?, ? "
                            + "WHERE NOT EXISTS (SELECT 1 FROM expiry_scan WHERE threshold_seconds = ?)",
                    threshold.getSeconds(), start, Cursor.before(start).tokenId(), threshold.getSeconds())));
        } catch (RuntimeException failure) {
            // Another node made it between the check and the insert: its cursor is as good as this one.
            if (!UniqueViolation.isCauseOf(failure)) {
                throw failure;
            }
        }
    }

    @Override
    public Cursor lock(Duration threshold) {
        return transactions.executeWrite(status -> Statements.query(status.getConnection(),
                "SELECT expires_at, token_id FROM expiry_scan WHERE threshold_seconds = ? FOR UPDATE",
                row -> new Cursor(Statements.instant(row, 1), row.getObject(2, UUID.class)), threshold.getSeconds()))
                .stream().findFirst().orElseThrow(() -> new IllegalStateException(
                        "the expiry scan at " + threshold + " has not begun"));
    }

    @Override
    public List<Token> passedSince(Cursor cursor, Instant edge, int limit) {
        return transactions.executeRead(status -> Statements.query(status.getConnection(),
                "SELECT * FROM token WHERE (expires_at > ? OR expires_at = ? AND id > ?) AND expires_at <= ? "
                        + "ORDER BY expires_at, id FETCH FIRST ? ROWS ONLY", TokenRows::token,
                cursor.expiresAt(), cursor.expiresAt(), cursor.tokenId(), edge, limit));
    }

    @Override
    public void moveTo(Duration threshold, Cursor cursor) {
        transactions.executeWrite(status -> Statements.update(status.getConnection(),
                "UPDATE expiry_scan SET expires_at = ?, token_id = ? WHERE threshold_seconds = ?",
                cursor.expiresAt(), cursor.tokenId(), threshold.getSeconds()));
    }
}
