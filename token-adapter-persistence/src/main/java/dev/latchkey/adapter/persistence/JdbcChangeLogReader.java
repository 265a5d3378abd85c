package dev.latchkey.adapter.persistence;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.util.List;

@Singleton
class JdbcChangeLogReader implements ChangeLogReader {

    private final ChangeLogRepository repository;
    private final TransactionOperations<Connection> transactions;

    JdbcChangeLogReader(ChangeLogRepository repository, TransactionOperations<Connection> transactions) {
        this.repository = repository;
        this.transactions = transactions;
    }

    @Override
    public long head() {
        return transactions.executeRead(status -> repository.lastSeq());
    }

    @Override
    public List<Change> readAfter(long seq, int limit) {
        return transactions.executeRead(status -> repository.findAfter(seq, limit)).stream()
                .map(ChangeRow::toChange).toList();
    }
}
