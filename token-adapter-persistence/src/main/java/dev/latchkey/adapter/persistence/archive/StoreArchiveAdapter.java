package dev.latchkey.adapter.persistence.archive;

import dev.latchkey.adapter.persistence.JdbcTransactions;
import dev.latchkey.adapter.persistence.Statements;
import dev.latchkey.adapter.persistence.StoreFailures;
import dev.latchkey.adapter.persistence.TranslatesStoreFailures;
import dev.latchkey.adapter.persistence.archive.ArchivedKinds.Kind;
import dev.latchkey.adapter.persistence.archive.ArchivedKinds.SealedColumn;
import dev.latchkey.adapter.persistence.changelog.Change;
import dev.latchkey.adapter.persistence.changelog.ChangeLog;
import dev.latchkey.adapter.persistence.keys.SecretWrapping;
import dev.latchkey.application.port.out.StoreArchivePort;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The store as records, table by table ({@link ArchivedKinds}), for either database: values are read and written by
 * the columns' own types, so a file written from H2 loads into PostgreSQL and back. Reads run in one read-only
 * transaction at snapshot isolation and page through each table by its primary key, so that a million tokens need no
 * more memory than a thousand.
 */
@Singleton
@TranslatesStoreFailures
class StoreArchiveAdapter implements StoreArchivePort {

    private static final String POLICIES = "token_policy";
    /** Rows read per query while exporting. */
    static final int PAGE = 1_000;
    /** H2's snapshot isolation (its {@code Constants.TRANSACTION_SNAPSHOT}); PostgreSQL's repeatable read is one. */
    private static final int H2_SNAPSHOT = 6;

    private final DataSource pool;
    private final JdbcTransactions writes;
    private final SecretWrapping wrapping;
    private final ChangeLog changeLog;

    StoreArchiveAdapter(DataSource dataSource, JdbcTransactions writes, SecretWrapping wrapping, ChangeLog changeLog) {
        // The pool itself: the export sets its own connection's isolation, outside any transaction of Micronaut's.
        this.pool = DelegatingDataSource.unwrapDataSource(dataSource);
        this.writes = writes;
        this.wrapping = wrapping;
        this.changeLog = changeLog;
    }

    @Override
    public String schemaVersion() {
        return onConnection(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT version FROM flyway_schema_history"
                    + " WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC");
                 ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("the store has no migration history");
                }
                return row.getString(1);
            }
        });
    }

    @Override
    public boolean holdsAnything() {
        return onConnection(connection -> {
            for (Kind kind : ArchivedKinds.ALL) {
                if (kind.generatedAtStart()) {
                    continue;
                }
                try (PreparedStatement query = connection.prepareStatement(
                        "SELECT 1 FROM " + kind.table() + " LIMIT 1"); ResultSet row = query.executeQuery()) {
                    if (row.next()) {
                        return true;
                    }
                }
            }
            return false;
        });
    }

    @Override
    public void read(boolean withAudit, Optional<String> rewrapFor, Consumer<StoreRecord> sink) {
        Optional<SecretWrapping.Resealer> reseal = rewrapFor.map(target -> {
            try {
                return wrapping.resealerFor(target);
            } catch (IllegalArgumentException notAKey) {
                throw new ArchiveRefusedException(notAKey.getMessage());
            }
        });
        onConnection(connection -> {
            boolean autoCommit = connection.getAutoCommit();
            int isolation = connection.getTransactionIsolation();
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Statements.isPostgres(connection)
                    ? Connection.TRANSACTION_REPEATABLE_READ : H2_SNAPSHOT);
            connection.setReadOnly(true);
            try {
                for (Kind kind : ArchivedKinds.ALL) {
                    if (withAudit || !kind.table().equals(ArchivedKinds.AUDIT)) {
                        readTable(connection, kind, reseal, sink);
                    }
                }
            } catch (RuntimeException | SQLException failed) {
                // What stopped the export is what the operator must hear (the file's disk full, say), not a failure
                // of ending the transaction after it (H2 writes its own file on a rollback, on the same full disk).
                try {
                    endReadOnly(connection, isolation, autoCommit);
                } catch (SQLException | RuntimeException ending) {
                    failed.addSuppressed(ending);
                }
                throw failed;
            }
            endReadOnly(connection, isolation, autoCommit);
            return null;
        });
    }

    private static void endReadOnly(Connection connection, int isolation, boolean autoCommit) throws SQLException {
        // It only read: ending it either way is the same.
        connection.rollback();
        connection.setReadOnly(false);
        connection.setTransactionIsolation(isolation);
        connection.setAutoCommit(autoCommit);
    }

    private void readTable(Connection connection, Kind kind, Optional<SecretWrapping.Resealer> reseal,
                           Consumer<StoreRecord> sink) throws SQLException {
        List<String> key = primaryKey(connection, kind.table());
        String order = String.join(", ", key);
        String after = key.size() == 1 ? key.get(0) + " > ?"
                : "(" + order + ") > (" + String.join(", ", key.stream().map(column -> "?").toList()) + ")";
        Object[] last = null;
        while (true) {
            String sql = "SELECT * FROM " + kind.table() + (last == null ? "" : " WHERE " + after)
                    + " ORDER BY " + order + " LIMIT " + PAGE;
            int rows = 0;
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                for (int i = 0; last != null && i < last.length; i++) {
                    query.setObject(i + 1, last[i]);
                }
                try (ResultSet row = query.executeQuery()) {
                    ResultSetMetaData columns = row.getMetaData();
                    while (row.next()) {
                        Map<String, Object> fields = new LinkedHashMap<>();
                        for (int i = 1; i <= columns.getColumnCount(); i++) {
                            fields.put(columns.getColumnLabel(i).toLowerCase(Locale.ROOT),
                                    encoded(row, i, columns.getColumnType(i), columns.getColumnTypeName(i)));
                        }
                        reseal.ifPresent(sealing -> resealed(kind, fields, sealing));
                        last = new Object[key.size()];
                        for (int i = 0; i < key.size(); i++) {
                            last[i] = row.getObject(key.get(i));
                        }
                        sink.accept(new StoreRecord(kind.table(), fields));
                        rows++;
                    }
                }
            }
            if (rows < PAGE) {
                return;
            }
        }
    }

    private static void resealed(Kind kind, Map<String, Object> fields, SecretWrapping.Resealer sealing) {
        for (SealedColumn sealed : kind.sealed()) {
            Object value = fields.get(sealed.column());
            if (value != null) {
                fields.put(sealed.column(), sealing.apply(sealed.purpose().apply(fields), (String) value));
            }
        }
    }

    @Override
    public void beginLoading(boolean intoEmptyStore) {
        if (!intoEmptyStore) {
            return;
        }
        // Keys a start of this store made for itself: nothing was issued with them, since it holds nothing else.
        writes.writeOnConnection(connection -> {
            for (Kind kind : ArchivedKinds.ALL) {
                if (kind.generatedAtStart()) {
                    delete(connection, kind.table());
                }
            }
            return null;
        });
    }

    @Override
    public Map<String, Long> write(List<StoreRecord> batch) {
        return writes.writeOnConnection(connection -> {
            Map<String, Long> written = new LinkedHashMap<>();
            int start = 0;
            for (int i = 1; i <= batch.size(); i++) {
                if (i == batch.size() || !batch.get(i).kind().equals(batch.get(start).kind())) {
                    String table = batch.get(start).kind();
                    long count = writeTable(connection, table, batch.subList(start, i));
                    if (count > 0) {
                        written.merge(table, count, Long::sum);
                    }
                    start = i;
                }
            }
            return written;
        });
    }

    private long writeTable(Connection connection, String table, List<StoreRecord> records) {
        Kind kind = ArchivedKinds.named(table).orElseThrow(() -> new ArchiveRefusedException(
                "the file holds records of kind '" + table + "', which an archive does not carry"));
        try {
            Map<String, Column> columns = columns(connection, kind.table());
            List<String> key = primaryKey(connection, kind.table());
            for (StoreRecord record : records) {
                for (String field : record.fields().keySet()) {
                    if (!columns.containsKey(field)) {
                        throw new ArchiveRefusedException("a record of kind '" + table + "' has the field '"
                                + field + "', which this store's schema does not");
                    }
                }
            }
            // One query for the whole batch: a query per record, a round trip each, made a million tokens' load
            // into PostgreSQL take 111 s instead of 61.
            Set<List<String>> present = presentKeys(connection, kind.table(), key, columns, records);
            long count = 0;
            Map<List<String>, PreparedStatement> inserts = new LinkedHashMap<>();
            try {
                for (StoreRecord record : records) {
                    // A record the file holds twice is written once, as one already in the store is not again.
                    if (!present.add(keyOf(record, key, columns))) {
                        continue;
                    }
                    refuseKeysThatDoNotOpen(kind, record);
                    List<String> fields = List.copyOf(record.fields().keySet());
                    PreparedStatement insert = inserts.get(fields);
                    if (insert == null) {
                        insert = connection.prepareStatement("INSERT INTO " + kind.table() + " ("
                                + String.join(", ", fields) + ") VALUES ("
                                + String.join(", ", fields.stream().map(field -> "?").toList()) + ")");
                        inserts.put(fields, insert);
                    }
                    for (int i = 0; i < fields.size(); i++) {
                        bind(insert, i + 1, table, record.fields().get(fields.get(i)),
                                columns.get(fields.get(i)));
                    }
                    insert.addBatch();
                    count++;
                    if (kind.table().equals(POLICIES)) {
                        // Nodes remember that a scope has no policy (ADR 10): a running one learns of this one.
                        changeLog.append(new Change.Subject(Change.Kind.POLICY,
                                (String) record.fields().get("scope")));
                    }
                }
                for (PreparedStatement insert : inserts.values()) {
                    insert.executeBatch();
                }
            } finally {
                for (PreparedStatement insert : inserts.values()) {
                    insert.close();
                }
            }
            return count;
        } catch (SQLException failed) {
            if (StoreFailures.unavailable(failed)) {
                throw new IllegalStateException("could not load the records of " + table, failed);
            }
            // A record the schema refuses (a missing column, a value out of range, a duplicate of another key):
            // the file's fault, said in the database's words, the first line only.
            String reason = String.valueOf(failed.getMessage()).lines().findFirst().orElse("");
            throw new ArchiveRefusedException("records of kind '" + table + "' do not fit this store: " + reason);
        }
    }

    /**
     * A key this store's master key cannot open would load, and then fail every node that starts on it: refused
     * instead, with what to do. The keys come first in a file, so nothing has been written yet.
     */
    private void refuseKeysThatDoNotOpen(Kind kind, StoreRecord record) {
        for (SealedColumn sealed : kind.sealed()) {
            if (record.fields().get(sealed.column()) instanceof String wrapped) {
                wrapping.whyNotOpened(sealed.purpose().apply(record.fields()), wrapped).ifPresent(reason -> {
                    throw new ArchiveRefusedException("the file's keys cannot be opened here (" + kind.table() + ": "
                            + reason + "): export again with --rewrap-for naming this store's master key file, or "
                            + "import into a store that runs with the master key the file was made with");
                });
            }
        }
    }

    /** Which of these records' keys the table holds already, each as {@link #keyOf} gives it. */
    private static Set<List<String>> presentKeys(Connection connection, String table, List<String> key,
                                                 Map<String, Column> columns, List<StoreRecord> records)
            throws SQLException {
        String tuple = key.size() == 1 ? "?" : "(" + String.join(", ", key.stream().map(column -> "?").toList()) + ")";
        String keys = key.size() == 1 ? key.get(0) : "(" + String.join(", ", key) + ")";
        String sql = "SELECT " + String.join(", ", key) + " FROM " + table + " WHERE " + keys + " IN ("
                + String.join(", ", java.util.Collections.nCopies(records.size(), tuple)) + ")";
        Set<List<String>> present = new HashSet<>();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            int parameter = 1;
            for (StoreRecord record : records) {
                for (String column : key) {
                    bind(query, parameter++, table, record.fields().get(column), columns.get(column));
                }
            }
            try (ResultSet row = query.executeQuery()) {
                ResultSetMetaData described = row.getMetaData();
                while (row.next()) {
                    List<String> found = new ArrayList<>(key.size());
                    for (int i = 1; i <= key.size(); i++) {
                        found.add(String.valueOf(encoded(row, i, described.getColumnType(i),
                                described.getColumnTypeName(i))));
                    }
                    present.add(found);
                }
            }
        }
        return present;
    }

    /**
     * A record's key as an export writes it, whatever spelling the file has (a uuid in capitals, an instant with an
     * offset): the form {@link #encoded} gives the same key read from the store. The values were bound already, so
     * their shapes are right.
     */
    private static List<String> keyOf(StoreRecord record, List<String> key, Map<String, Column> columns) {
        List<String> values = new ArrayList<>(key.size());
        for (String column : key) {
            Object value = record.fields().get(column);
            Column type = columns.get(column);
            if (value == null) {
                values.add("null");
            } else if (type.isUuid()) {
                values.add(UUID.fromString((String) value).toString());
            } else if (type.type() == Types.TIMESTAMP || type.type() == Types.TIMESTAMP_WITH_TIMEZONE) {
                values.add(Instant.parse((String) value).toString());
            } else if (value instanceof Number number) {
                values.add(Long.toString(number.longValue()));
            } else {
                values.add(String.valueOf(value));
            }
        }
        return values;
    }

    @Override
    public void finishLoading() {
        // The audit trail numbers its entries from an identity column; after explicit ids, it goes on past them.
        writes.writeOnConnection(connection -> {
            long next;
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT COALESCE(MAX(id), 0) + 1 FROM " + ArchivedKinds.AUDIT);
                 ResultSet row = query.executeQuery()) {
                row.next();
                next = row.getLong(1);
            } catch (SQLException failed) {
                throw new IllegalStateException("could not read the audit trail's last entry", failed);
            }
            Statements.update(connection, "ALTER TABLE " + ArchivedKinds.AUDIT + " ALTER COLUMN id RESTART WITH "
                    + next);
            return null;
        });
    }

    @Override
    public void clear() {
        writes.writeOnConnection(connection -> {
            List<Kind> reversed = new ArrayList<>(ArchivedKinds.ALL);
            java.util.Collections.reverse(reversed);
            for (Kind kind : reversed) {
                delete(connection, kind.table());
            }
            return null;
        });
    }

    private static void delete(Connection connection, String table) {
        Statements.update(connection, "DELETE FROM " + table);
    }

    /** A column of the store: its JDBC type, and its type's name (both databases call theirs {@code uuid}). */
    private record Column(int type, String typeName) {
        boolean isUuid() {
            return typeName.equalsIgnoreCase("uuid");
        }
    }

    private static Map<String, Column> columns(Connection connection, String table) throws SQLException {
        Map<String, Column> columns = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT * FROM " + table + " WHERE 1 = 0");
             ResultSet none = query.executeQuery()) {
            ResultSetMetaData described = none.getMetaData();
            for (int i = 1; i <= described.getColumnCount(); i++) {
                columns.put(described.getColumnLabel(i).toLowerCase(Locale.ROOT),
                        new Column(described.getColumnType(i), described.getColumnTypeName(i)));
            }
        }
        return columns;
    }

    private static List<String> primaryKey(Connection connection, String table) throws SQLException {
        DatabaseMetaData described = connection.getMetaData();
        Map<Short, String> ordered = new java.util.TreeMap<>();
        try (ResultSet keys = described.getPrimaryKeys(null, connection.getSchema(), table)) {
            while (keys.next()) {
                ordered.put(keys.getShort("KEY_SEQ"), keys.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        if (ordered.isEmpty()) {
            throw new IllegalStateException("the table " + table + " has no primary key");
        }
        return List.copyOf(ordered.values());
    }

    /** A column's value as JSON holds it: times as ISO-8601 instants, bytes in base64, uuids as text. */
    private static Object encoded(ResultSet row, int index, int type, String typeName) throws SQLException {
        if (typeName.equalsIgnoreCase("uuid")) {
            Object value = row.getObject(index);
            return value == null ? null : value.toString();
        }
        switch (type) {
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
                OffsetDateTime at = row.getObject(index, OffsetDateTime.class);
                return at == null ? null : at.toInstant().toString();
            }
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> {
                long value = row.getLong(index);
                return row.wasNull() ? null : value;
            }
            case Types.BOOLEAN, Types.BIT -> {
                boolean value = row.getBoolean(index);
                return row.wasNull() ? null : value;
            }
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> {
                byte[] value = row.getBytes(index);
                return value == null ? null : Base64.getEncoder().encodeToString(value);
            }
            default -> {
                return row.getString(index);
            }
        }
    }

    /** Binds a record's value by the column's type; a value of the wrong shape refuses the file. */
    private static void bind(PreparedStatement statement, int index, String table, Object value, Column column)
            throws SQLException {
        if (value == null) {
            statement.setNull(index, column.type());
            return;
        }
        try {
            if (column.isUuid()) {
                statement.setObject(index, UUID.fromString((String) value));
                return;
            }
            switch (column.type()) {
                case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE ->
                        statement.setObject(index, Instant.parse((String) value).atOffset(ZoneOffset.UTC));
                case Types.BIGINT -> statement.setLong(index, ((Number) value).longValue());
                case Types.INTEGER, Types.SMALLINT, Types.TINYINT ->
                        statement.setInt(index, Math.toIntExact(((Number) value).longValue()));
                case Types.BOOLEAN, Types.BIT -> statement.setBoolean(index, (Boolean) value);
                case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB ->
                        statement.setBytes(index, Base64.getDecoder().decode((String) value));
                default -> statement.setString(index, (String) value);
            }
        } catch (ClassCastException | DateTimeParseException | IllegalArgumentException | ArithmeticException wrong) {
            throw new ArchiveRefusedException("a record of kind '" + table + "' has a value of the wrong shape for "
                    + "its column of type " + column.typeName());
        }
    }

    @FunctionalInterface
    private interface OnConnection<T> {
        T apply(Connection connection) throws SQLException;
    }

    private <T> T onConnection(OnConnection<T> work) {
        try (Connection connection = pool.getConnection()) {
            return work.apply(connection);
        } catch (SQLException failed) {
            throw new IllegalStateException("could not read the store", failed);
        }
    }
}
