package dev.latchkey.adapter.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * The persistence contract on a real PostgreSQL server (binaries shipped in a Maven artifact), never skipped: if the
 * server cannot start, this test fails.
 */
class PostgresPersistenceTest extends PersistenceContract {

    private EmbeddedPostgres server;

    @Override
    protected Map<String, Object> datasource() {
        String database = "latchkey_" + UUID.randomUUID().toString().replace("-", "");
        try {
            server = EmbeddedPostgres.builder().start();
            try (Connection connection = server.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + database);
            }
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        } catch (SQLException failure) {
            throw new IllegalStateException(failure);
        }
        return Map.of(
                "datasources.default.url", server.getJdbcUrl("postgres", database),
                "datasources.default.driver-class-name", "org.postgresql.Driver",
                "datasources.default.username", "postgres",
                "datasources.default.password", "postgres",
                "flyway.datasources.default.enabled", true);
    }

    @Override
    protected void releaseDatabase() throws IOException {
        if (server != null) {
            server.close();
        }
    }
}
