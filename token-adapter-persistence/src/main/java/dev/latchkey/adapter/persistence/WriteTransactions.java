package dev.latchkey.adapter.persistence;

import dev.latchkey.application.port.out.MemoryOnly;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Opens this adapter's write transactions, and holds back the answer of any that announced a change in the change
 * log until a lease has passed since it committed (ADR 10). By then every node has either read the change and
 * dropped what it cached, or stopped trusting its cache, so the change holds everywhere from the caller's next
 * request on. Nested writes join the outermost one, which alone commits and waits.
 */
@Singleton
class WriteTransactions {

    private final TransactionOperations<Connection> transactions;
    private final long leaseNanos;
    private final ThreadLocal<Boolean> announced = new ThreadLocal<>();

    WriteTransactions(TransactionOperations<Connection> transactions, CacheSettings settings) {
        this.transactions = transactions;
        this.leaseNanos = settings.lease().toNanos();
    }

    <T> T write(Supplier<T> work) {
        MemoryOnly.mayWait();
        if (transactions.findTransactionStatus().isPresent()) {
            return work.get();
        }
        announced.remove();
        try {
            T result = transactions.executeWrite(status -> work.get());
            if (Boolean.TRUE.equals(announced.get())) {
                awaitLease(System.nanoTime());
            }
            return result;
        } finally {
            announced.remove();
        }
    }

    /** Whether the calling thread is inside a transaction, which its writes join. */
    boolean inTransaction() {
        return transactions.findTransactionStatus().isPresent();
    }

    /** Called inside a write whose commit other nodes must see before it is answered. */
    void announceChange() {
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
