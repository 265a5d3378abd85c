package dev.latchkey.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class MigrationsWhenBehindTest {

    private static final Pattern VERSIONED = Pattern.compile("V([0-9_.]+)__.*\\.sql");

    @Test
    void theNewestMigrationConstantNamesTheNewestFile() throws IOException, URISyntaxException {
        Path migrations = Paths.get(Objects.requireNonNull(
                MigrationsWhenBehind.class.getClassLoader().getResource("db/migration")).toURI());
        try (Stream<Path> files = Files.list(migrations)) {
            MigrationVersion newest = files.map(file -> VERSIONED.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(version -> MigrationVersion.fromVersion(version.group(1).replace('_', '.')))
                    .max(Comparator.naturalOrder()).orElseThrow();

            assertThat(newest.getVersion()).isEqualTo(MigrationsWhenBehind.NEWEST_MIGRATION);
        }
    }

    @Test
    void aNewStoreIsBehind() {
        assertThat(MigrationsWhenBehind.hasNewestMigration(newStore())).isFalse();
    }

    @Test
    void aMigratedStoreIsCurrent() {
        JdbcDataSource store = newStore();
        Flyway.configure().dataSource(store).load().migrate();

        assertThat(MigrationsWhenBehind.hasNewestMigration(store)).isTrue();
    }

    @Test
    void aStoreWithoutTheNewestMigrationIsBehindAndAFailedOneDoesNotCount() throws SQLException {
        JdbcDataSource store = newStore();
        String previous = String.valueOf(Integer.parseInt(MigrationsWhenBehind.NEWEST_MIGRATION) - 1);
        Flyway.configure().dataSource(store).target(previous).load().migrate();
        assertThat(MigrationsWhenBehind.hasNewestMigration(store)).isFalse();

        try (Connection connection = store.getConnection()) {
            connection.createStatement().execute("INSERT INTO flyway_schema_history (installed_rank, version, "
                    + "description, type, script, installed_by, execution_time, success) VALUES (1000, '"
                    + MigrationsWhenBehind.NEWEST_MIGRATION + "', 'failed', 'SQL', 'x.sql', 'test', 0, FALSE)");
        }
        assertThat(MigrationsWhenBehind.hasNewestMigration(store)).isFalse();
    }

    private static JdbcDataSource newStore() {
        JdbcDataSource store = new JdbcDataSource();
        // The service's own H2 settings, which the migrations are written for.
        store.setURL("jdbc:h2:mem:" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        store.setUser("sa");
        return store;
    }
}
