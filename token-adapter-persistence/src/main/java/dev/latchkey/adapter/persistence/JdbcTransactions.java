package dev.latchkey.adapter.persistence;

import dev.latchkey.application.port.out.TransactionPort;
import jakarta.inject.Singleton;
import java.util.function.Supplier;

/**
 * One JDBC transaction around work the core needs to be atomic; the repositories inside it join it, and if any of
 * them announced a change, the answer waits for the lease as theirs would (ADR 10).
 */
@Singleton
@TranslatesStoreFailures
public class JdbcTransactions implements TransactionPort {

    private final WriteTransactions writes;

    JdbcTransactions(WriteTransactions writes) {
        this.writes = writes;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return writes.write(work);
    }
}
