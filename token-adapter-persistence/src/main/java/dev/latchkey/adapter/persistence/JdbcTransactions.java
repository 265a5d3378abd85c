package dev.latchkey.adapter.persistence;

import dev.latchkey.application.port.out.TransactionPort;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.function.Supplier;

/** One JDBC transaction around work the core needs to be atomic; the repositories inside it join it. */
@Singleton
public class JdbcTransactions implements TransactionPort {

    private final TransactionOperations<Connection> transactions;

    JdbcTransactions(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return transactions.executeWrite(status -> work.get());
    }
}
