package dev.latchkey.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.port.out.StoreUnavailableException;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.connection.exceptions.NoConnectionException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoreFailuresTest {

    @ParameterizedTest
    @ValueSource(strings = {"08001", "08006", "08003", "53300", "57P01", "57P02", "57P03", "25006", "40001", "40P01",
            "HYT00"})
    void aStoreThatCannotServeNowIsUnavailableHoweverDeepTheDriverFailureIsWrapped(String state) {
        RuntimeException wrapped = new IllegalStateException("could not insert",
                new RuntimeException("transaction failed", new SQLException("driver", state)));

        assertThat(StoreFailures.unavailable(wrapped)).isTrue();
        assertThat(StoreFailures.translated(wrapped)).isInstanceOf(StoreUnavailableException.class)
                .hasRootCauseInstanceOf(SQLException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"23505", "23503", "22001", "42P01", "42601", "XX000"})
    void aRequestTheStoreRefusedStaysWhatItIs(String state) {
        RuntimeException refused = new IllegalStateException("x", new SQLException("driver", state));

        assertThat(StoreFailures.unavailable(refused)).isFalse();
        assertThat(StoreFailures.translated(refused)).isSameAs(refused);
    }

    @Test
    void aPoolTimeoutIsUnavailable() {
        assertThat(StoreFailures.unavailable(new RuntimeException(
                new SQLTransientConnectionException("Connection is not available, request timed out after 2000ms"))))
                .isTrue();
    }

    @Test
    void aConnectionThePoolClosedAsBrokenIsUnavailable() {
        // As Micronaut Data reports it when the primary died under a transaction: Hikari's closed connection says
        // only "Connection is closed", with no SQLSTATE.
        assertThat(StoreFailures.unavailable(new ConnectionException("Could not set JDBC Connection read-only",
                new SQLException("Connection is closed")))).isTrue();
        assertThat(StoreFailures.unavailable(new NoConnectionException())).as("a programming error").isFalse();
    }

    @Test
    void failuresWithoutAStoreCauseAreNotTranslated() {
        IllegalArgumentException bug = new IllegalArgumentException("a bug");

        assertThat(StoreFailures.translated(bug)).isSameAs(bug);
    }

    @Test
    void aClosedH2DatabaseIsUnavailable() throws SQLException {
        JdbcDataSource store = new JdbcDataSource();
        store.setURL("jdbc:h2:mem:" + UUID.randomUUID());
        store.setUser("sa");
        try (Connection connection = store.getConnection()) {
            connection.createStatement().execute("SHUTDOWN");
            assertThatThrownBy(() -> connection.createStatement().execute("SELECT 1"))
                    .satisfies(closed -> assertThat(StoreFailures.unavailable(closed)).isTrue());
        }
    }
}
