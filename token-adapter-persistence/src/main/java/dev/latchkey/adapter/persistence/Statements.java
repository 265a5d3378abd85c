package dev.latchkey.adapter.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * One SQL statement with bound parameters, on the transaction's connection: what the adapters that write plain JDBC
 * share. An {@link Instant} is bound as a UTC timestamp; a failure is an {@link IllegalStateException} around the
 * driver's, which the store-failure translation reads.
 */
public final class Statements {

    private Statements() {
    }

    /** Reads one value from the current row. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** Runs an insert, update or delete; answers the rows it changed. */
    public static int update(Connection connection, String sql, Object... parameters) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            return statement.executeUpdate();
        } catch (SQLException failure) {
            throw new IllegalStateException("could not write to the store", failure);
        }
    }

    /** Runs a query; answers each row as the reader reads it, in the order the query gives. */
    public static <T> List<T> query(Connection connection, String sql, RowReader<T> reader, Object... parameters) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            List<T> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(reader.read(rows));
                }
            }
            return values;
        } catch (SQLException failure) {
            throw new IllegalStateException("could not read from the store", failure);
        }
    }

    /** A timestamp column as an instant; null stays null. */
    public static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** Whether the connection is PostgreSQL's, which has locking H2 lacks ({@code SKIP LOCKED}). */
    public static boolean isPostgres(Connection connection) {
        try {
            return connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT)
                    .contains("postgres");
        } catch (SQLException failure) {
            throw new IllegalStateException("could not tell which database this is", failure);
        }
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int index = 0; index < parameters.length; index++) {
            Object value = parameters[index];
            statement.setObject(index + 1, value instanceof Instant instant
                    ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : value);
        }
    }
}
