package dev.latchkey.adapter.persistence;

import java.sql.Connection;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code WHERE} clause of a query whose filters are each optional: fixed SQL conditions joined by {@code AND},
 * with every value a bound parameter, so that no value ever becomes SQL.
 */
public final class SqlConditions {

    private final List<String> conditions = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();

    /** Adds a condition with one {@code ?} per value; an {@link Instant} is bound as a UTC timestamp. */
    public SqlConditions add(String condition, Object... conditionValues) {
        conditions.add(condition);
        Arrays.stream(conditionValues).map(value -> value instanceof Instant instant
                ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : value).forEach(values::add);
        return this;
    }

    /** {@code ""} without conditions, else {@code " WHERE … AND …"}. */
    public String where() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /**
     * One page of the rows of {@code select} (a {@code SELECT … FROM table}) that meet the conditions, in
     * {@code orderBy} order, as the reader reads them.
     */
    public <T> List<T> page(Connection connection, String select, String orderBy, Statements.RowReader<T> reader,
                            long offset, int limit) {
        List<Object> parameters = new ArrayList<>(values);
        parameters.add(limit);
        parameters.add(offset);
        return Statements.query(connection, select + where() + " ORDER BY " + orderBy + " LIMIT ? OFFSET ?", reader,
                parameters.toArray());
    }

    /** How many rows of the table meet the conditions. */
    public long count(Connection connection, String table) {
        return Statements.query(connection, "SELECT count(*) FROM " + table + where(), row -> row.getLong(1),
                values.toArray()).get(0);
    }
}
