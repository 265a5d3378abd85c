package dev.latchkey.adapter.persistence;

import dev.latchkey.domain.TokenId;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Revocations announced with PostgreSQL {@code NOTIFY} and heard with {@code LISTEN} on a dedicated connection, so
 * that every node drops a revoked token from its cache within milliseconds of the revoking commit.
 *
 * <p>If the listening connection fails, the node clears its whole cache when it reconnects (it may have missed
 * announcements) and, until then, the cache's time-to-live bounds how stale it can be.
 */
@Context
@Requires(property = "datasources.default.url", pattern = "jdbc:postgresql:.*")
@Requires(property = PostgresRevocationChannel.ENABLED, notEquals = "false")
final class PostgresRevocationChannel implements RevocationChannel {

    static final String ENABLED = "latchkey.token-cache.postgres-notifications";
    static final String CHANNEL = "latchkey_token_revoked";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresRevocationChannel.class);
    private static final Duration RETRY_DELAY = Duration.ofSeconds(1);
    private static final int POLL_MILLIS = 1_000;

    private final TokenLookupCache cache;
    private final String url;
    private final String username;
    private final String password;
    private final Thread listener;
    private volatile boolean running = true;
    private volatile boolean listening;
    private volatile Connection listenConnection;

    PostgresRevocationChannel(TokenLookupCache cache,
                              @Value("${datasources.default.url}") String url,
                              @Value("${datasources.default.username:}") String username,
                              @Value("${datasources.default.password:}") String password) {
        this.cache = cache;
        this.url = url;
        this.username = username;
        this.password = password;
        this.listener = new Thread(this::listen, "latchkey-revocation-listener");
        this.listener.setDaemon(true);
        this.listener.start();
    }

    @Override
    public void announce(Connection transaction, TokenId revoked) {
        try (PreparedStatement notify = transaction.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, CHANNEL);
            notify.setString(2, revoked.toString());
            notify.execute();
        } catch (SQLException failure) {
            throw new DataAccessException("could not announce a revocation", failure);
        }
    }

    /** Whether the listening connection is up; for health checks and tests. */
    boolean isListening() {
        return listening;
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        Connection connection = listenConnection;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Closing is best effort; the thread ends either way.
            }
        }
        listener.join(Duration.ofSeconds(5).toMillis());
    }

    private void listen() {
        while (running) {
            try (Connection connection = username.isEmpty()
                    ? DriverManager.getConnection(url) : DriverManager.getConnection(url, username, password)) {
                listenConnection = connection;
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                // Announcements made while this node was not listening are lost: start afresh.
                cache.clear();
                listening = true;
                PGConnection postgres = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = postgres.getNotifications(POLL_MILLIS);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            Optional<TokenId> revoked = TokenId.parse(notification.getParameter());
                            revoked.ifPresent(cache::invalidate);
                        }
                    }
                }
            } catch (SQLException failure) {
                if (running) {
                    LOG.warn("Revocation listener lost its connection ({}); caches rely on their time-to-live "
                            + "until it is back", failure.getMessage());
                }
            } finally {
                listening = false;
            }
            pause();
        }
    }

    private void pause() {
        if (!running) {
            return;
        }
        try {
            Thread.sleep(RETRY_DELAY.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
