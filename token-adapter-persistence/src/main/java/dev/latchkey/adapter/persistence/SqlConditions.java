package dev.latchkey.adapter.persistence;

import java.sql.PreparedStatement;
import java.sql.SQLException;
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

    /** Binds the values from the first parameter on; returns the index of the next parameter. */
    public int bind(PreparedStatement statement) throws SQLException {
        for (int index = 0; index < values.size(); index++) {
            statement.setObject(index + 1, values.get(index));
        }
        return values.size() + 1;
    }
}
