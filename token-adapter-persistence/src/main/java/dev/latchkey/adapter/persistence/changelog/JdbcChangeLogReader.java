package dev.latchkey.adapter.persistence.changelog;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Reads the change log on a connection of its own, taken from the pool and kept between reads. The lease must not
 * lapse because requests hold every pooled connection: under a burst of writes, a feed that queued for a connection
 * would age past its lease and send every token check to the store, just when the store is busiest. The connection
 * is given back and taken anew every few minutes, so that the pool's maximum lifetime still applies, and after any
 * failure.
 */
@Singleton
class JdbcChangeLogReader implements ChangeLogReader {

    private static final long RENEW_AFTER_NANOS = TimeUnit.MINUTES.toNanos(5);

    private final DataSource dataSource;
    private Connection connection;
    private long takenAt;

    JdbcChangeLogReader(DataSource dataSource) {
        // The pool itself, not Micronaut's contextual proxy, which hands out only the current transaction's connection.
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    @Override
    public synchronized long head() {
        return read(held -> {
            try (PreparedStatement query = held.prepareStatement("SELECT last_seq FROM change_log_head WHERE id = 1");
                 ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("change_log_head has no row; the schema was not migrated");
                }
                return row.getLong(1);
            }
        });
    }

    @Override
    public synchronized List<Change> readAfter(long seq, int limit) {
        return read(held -> {
            try (PreparedStatement query = held.prepareStatement(
                    "SELECT seq, subject_kind, subject_id FROM change_log WHERE seq > ? ORDER BY seq LIMIT ?")) {
                query.setLong(1, seq);
                query.setInt(2, limit);
                List<Change> changes = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        changes.add(new Change(rows.getLong(1), new Change.Subject(
                                Change.Kind.valueOf(rows.getString(2)), rows.getString(3))));
                    }
                }
                return changes;
            }
        });
    }

    private <T> T read(SqlRead<T> read) {
        try {
            return read.from(connection());
        } catch (SQLException failure) {
            giveBack();
            throw new IllegalStateException("could not read the change log", failure);
        }
    }

    private Connection connection() throws SQLException {
        if (connection != null && System.nanoTime() - takenAt > RENEW_AFTER_NANOS) {
            giveBack();
        }
        if (connection == null) {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            connection.setReadOnly(true);
            takenAt = System.nanoTime();
        }
        return connection;
    }

    @PreDestroy
    synchronized void giveBack() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException | RuntimeException ignored) {
                // Closing a broken connection can fail; the pool discards it either way. At shutdown the pool may be
                // closed before this bean, and Hikari's proxy then fails with a NullPointerException: nothing is lost.
            }
            connection = null;
        }
    }

    @FunctionalInterface
    private interface SqlRead<T> {
        T from(Connection connection) throws SQLException;
    }
}
