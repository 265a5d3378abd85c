package dev.latchkey.adapter.persistence;

import dev.latchkey.application.port.out.MemoryOnly;
import dev.latchkey.application.port.out.TransactionPort;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The one kind of transaction Latchkey has: the core's {@link TransactionPort}, and every write of this adapter.
 * Opens this adapter's write transactions, and holds back the answer of any that announced a change in the change
 * log until a lease has passed since it committed (ADR 10). By then every node has either read the change and
 * dropped what it cached, or stopped trusting its cache, so the change holds everywhere from the caller's next
 * request on. Nested writes join the outermost one, which alone commits and waits.
 *
 * <p>Steps that touch a row every write shares (the change log's head) run last, just before the commit: a
 * transaction that held that row while it waited for an account or a token row would deadlock with one that holds
 * the account or token row and waits for the head (found by {@code KillNineDurabilityTest}: a refresh revokes and
 * then issues, a rotation issues and then revokes).
 *
 * <p>A write the database undid as a deadlock's victim, a serialization failure or a lock timeout is run again, up to
 * {@value #ATTEMPTS} times in all: all of it was rolled back, so running it again cannot write anything twice. Only
 * the outermost write is run again; a nested one fails with it.
 */
@Singleton
public class JdbcTransactions implements TransactionPort {

    /** A deadlock's victim, or a write that timed out on a lock, is run again up to this many times in all. */
    private static final int ATTEMPTS = 3;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JdbcTransactions.class);

    private final TransactionOperations<Connection> transactions;
    private final long leaseNanos;
    private final ThreadLocal<Boolean> announced = new ThreadLocal<>();
    private final ThreadLocal<List<Runnable>> lastSteps = new ThreadLocal<>();

    JdbcTransactions(TransactionOperations<Connection> transactions, CacheSettings settings) {
        this.transactions = transactions;
        this.leaseNanos = settings.lease().toNanos();
    }

    /** One JDBC transaction around work the core needs to be atomic; the writes inside it join it. */
    @Override
    @TranslatesStoreFailures
    public <T> T inTransaction(Supplier<T> work) {
        return write(work);
    }

    public <T> T write(Supplier<T> work) {
        MemoryOnly.mayWait();
        if (transactions.findTransactionStatus().isPresent()) {
            return work.get();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return writeOnce(work);
            } catch (RuntimeException failure) {
                if (attempt >= ATTEMPTS || !StoreFailures.worthRetrying(failure)) {
                    throw failure;
                }
                LOG.debug("A write was rolled back ({}); running it again, attempt {}", failure.getMessage(),
                        attempt + 1);
                // Apart, at random, so that two transactions that collided do not collide again.
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1, 20L * attempt) * 1_000_000L);
            }
        }
    }

    private <T> T writeOnce(Supplier<T> work) {
        announced.remove();
        List<Runnable> beforeCommit = new ArrayList<>();
        lastSteps.set(beforeCommit);
        try {
            T result = transactions.executeWrite(status -> {
                T done = work.get();
                beforeCommit.forEach(Runnable::run);
                return done;
            });
            if (Boolean.TRUE.equals(announced.get())) {
                awaitLease(System.nanoTime());
            }
            return result;
        } finally {
            announced.remove();
            lastSteps.remove();
        }
    }

    /** A write of plain JDBC statements on the transaction's connection, as {@link #write} runs any write. */
    public <T> T writeOnConnection(java.util.function.Function<Connection, T> statements) {
        return write(() -> transactions.executeWrite(status -> statements.apply(status.getConnection())));
    }

    /**
     * Runs the step as the last work of the calling thread's write, in its transaction, after everything else that
     * write does; steps run in the order they were given.
     */
    public void beforeCommit(Runnable step) {
        List<Runnable> steps = lastSteps.get();
        if (steps == null || transactions.findTransactionStatus().isEmpty()) {
            throw new IllegalStateException("a last step is given only inside a write opened by write()");
        }
        steps.add(step);
    }

    /** Whether the calling thread is inside a transaction, which its writes join. */
    public boolean inTransaction() {
        return transactions.findTransactionStatus().isPresent();
    }

    /** Called inside a write whose commit other nodes must see before it is answered. */
    public void announceChange() {
        if (transactions.findTransactionStatus().isEmpty()) {
            throw new IllegalStateException("a change is announced only inside a write transaction");
        }
        announced.set(Boolean.TRUE);
    }

    private void awaitLease(long committedAt) {
        long remaining;
        while ((remaining = leaseNanos - (System.nanoTime() - committedAt)) > 0) {
            LockSupport.parkNanos(remaining);
        }
    }
}
