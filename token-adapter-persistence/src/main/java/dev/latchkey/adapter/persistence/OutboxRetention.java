package dev.latchkey.adapter.persistence;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what the outboxes are done with: webhook messages delivered or given up, with their attempts, and owners'
 * mail sent, failed or skipped, once their last attempt is older than {@code latchkey.outbox.retention} (30 days
 * unless configured). Pending messages are never deleted, however old: they are still owed.
 */
@Singleton
public class OutboxRetention {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRetention.class);

    private final TransactionOperations<Connection> transactions;
    private final JdbcTransactions writes;
    private final Duration retention;
    // Housekeeping, not business time: the wall clock is right here, and needs no port.
    private final Clock clock = Clock.systemUTC();

    OutboxRetention(TransactionOperations<Connection> transactions, JdbcTransactions writes,
                    @Value("${latchkey.outbox.retention:30d}") Duration retention) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("latchkey.outbox.retention must be positive");
        }
        this.transactions = transactions;
        this.writes = writes;
        this.retention = retention;
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "9m")
    long purge() {
        return purgeFinishedBefore(clock.instant().minus(retention));
    }

    /** Deletes the finished messages whose last attempt was before {@code cutoff}; answers how many. */
    public long purgeFinishedBefore(Instant cutoff) {
        long removed = writes.write(() -> transactions.executeWrite(status -> Statements.update(status.getConnection(),
                "DELETE FROM webhook_message WHERE state <> 'PENDING' AND next_attempt_at < ?", cutoff)
                + Statements.update(status.getConnection(),
                "DELETE FROM mail_message WHERE state <> 'PENDING' AND next_attempt_at < ?", cutoff)));
        if (removed > 0) {
            LOG.info("Deleted {} finished outbox messages older than the {} retention", removed, retention);
        }
        return removed;
    }
}
