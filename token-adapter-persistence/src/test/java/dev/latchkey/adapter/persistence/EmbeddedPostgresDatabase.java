package dev.latchkey.adapter.persistence;

import dev.latchkey.adapter.persistence.keys.MasterKey;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/** A real PostgreSQL server for one test class, from binaries shipped in a Maven artifact. It fails, never skips. */
public final class EmbeddedPostgresDatabase implements TestDatabase {

    private EmbeddedPostgres server;

    /** Starts the server, creates a fresh database, and returns the datasource properties that reach it. */
    @Override
    public Map<String, Object> start() {
        try {
            server = EmbeddedPostgres.builder().start();
            try (Connection connection = server.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE latchkey");
            }
        } catch (IOException | SQLException failure) {
            throw new IllegalStateException("could not start the embedded PostgreSQL server", failure);
        }
        // A shared database needs the master key its keys are wrapped with; every node of a test gets the same one.
        return Map.of(
                "datasources.default.url", server.getJdbcUrl("postgres", "latchkey"),
                "datasources.default.username", "postgres",
                "datasources.default.password", "postgres",
                "latchkey.master-key", MasterKey.generate().encoded());
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            server.close();
        }
    }
}
