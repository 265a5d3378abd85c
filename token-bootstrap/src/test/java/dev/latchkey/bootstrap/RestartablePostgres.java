package dev.latchkey.bootstrap;

import dev.latchkey.adapter.persistence.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server that a test can stop and start again, on the same port and the same data: the database
 * going away under the service and coming back.
 */
final class RestartablePostgres implements TestDatabase {

    /** 32 random bytes in base64, as an operator would make one with {@code openssl rand -base64 32}. */
    private static final String MASTER_KEY = java.util.Base64.getEncoder().encodeToString(
            new java.security.SecureRandom().generateSeed(32));

    private final Path data;
    private final int port;
    private EmbeddedPostgres server;

    RestartablePostgres() {
        try {
            data = Files.createTempDirectory("latchkey-restartable-pg");
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
        } catch (IOException failure) {
            throw new IllegalStateException(failure);
        }
    }

    @Override
    public Map<String, Object> start() {
        startServer();
        return Map.of(
                "datasources.default.url", "jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "datasources.default.username", "postgres",
                "datasources.default.password", "postgres",
                "latchkey.master-key", MASTER_KEY);
    }

    /** Stops the server as an operator's fast shutdown does: sessions are ended, new connections refused. */
    void stopServer() throws IOException {
        server.close();
        server = null;
    }

    void startServer() {
        try {
            server = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port)
                    .start();
        } catch (IOException failure) {
            throw new IllegalStateException("could not start PostgreSQL", failure);
        }
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            stopServer();
        }
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }
}
