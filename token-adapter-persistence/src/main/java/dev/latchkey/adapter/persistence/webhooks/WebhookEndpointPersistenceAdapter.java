package dev.latchkey.adapter.persistence.webhooks;

import dev.latchkey.adapter.persistence.JdbcTransactions;
import dev.latchkey.adapter.persistence.Statements;
import dev.latchkey.adapter.persistence.TranslatesStoreFailures;
import dev.latchkey.adapter.persistence.keys.SecretWrapping;
import dev.latchkey.application.port.out.WebhookEndpointPort;
import dev.latchkey.domain.WebhookEndpoint;
import dev.latchkey.domain.WebhookEndpointId;
import dev.latchkey.domain.WebhookSecret;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhook endpoints in {@code webhook_endpoint}, read from the store each time (there are few, and every node must
 * see a change at once); their secrets sealed by the master key, each bound to its endpoint.
 */
@Singleton
@TranslatesStoreFailures
class WebhookEndpointPersistenceAdapter implements WebhookEndpointPort,
        ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookEndpointPersistenceAdapter.class);

    private static final String COLUMNS = "SELECT id, url, description, organization, events, enabled, "
            + "disabled_reason, created_at FROM webhook_endpoint ";

    private final TransactionOperations<Connection> transactions;
    private final JdbcTransactions writes;
    private final SecretWrapping wrapping;

    WebhookEndpointPersistenceAdapter(TransactionOperations<Connection> transactions, JdbcTransactions writes,
                                      SecretWrapping wrapping) {
        this.transactions = transactions;
        this.writes = writes;
        this.wrapping = wrapping;
    }

    private static String purpose(WebhookEndpointId id) {
        return SecretWrapping.webhookSecretPurpose(id.toString());
    }

    @Override
    public void create(WebhookEndpoint endpoint, WebhookSecret secret) {
        write(connection -> Statements.update(connection, "INSERT INTO webhook_endpoint (id, url, description, "
                        + "organization, events, secret, enabled, disabled_reason, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", endpoint.id().value(), endpoint.url().toString(),
                endpoint.description(), endpoint.organization().orElse(null), events(endpoint.events()),
                wrapping.wrap(purpose(endpoint.id()), secret.reveal().getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                endpoint.enabled(), endpoint.disabledReason().orElse(null), endpoint.createdAt()));
    }

    @Override
    public Optional<WebhookEndpoint> find(WebhookEndpointId id) {
        return transactions.executeRead(status -> Statements.query(status.getConnection(), COLUMNS + "WHERE id = ?",
                WebhookEndpointPersistenceAdapter::endpoint, id.value())).stream().findFirst();
    }

    @Override
    public List<WebhookEndpoint> list() {
        return transactions.executeRead(status -> Statements.query(status.getConnection(),
                COLUMNS + "ORDER BY created_at, id", WebhookEndpointPersistenceAdapter::endpoint));
    }

    @Override
    public boolean update(WebhookEndpoint endpoint) {
        return write(connection -> Statements.update(connection, "UPDATE webhook_endpoint SET url = ?, "
                        + "description = ?, organization = ?, events = ?, enabled = ?, disabled_reason = ?, "
                        // Enabled again, it starts afresh: three days of failures count from its next failure.
                        + "failing_since = CASE WHEN ? THEN NULL ELSE failing_since END WHERE id = ?",
                endpoint.url().toString(), endpoint.description(), endpoint.organization().orElse(null),
                events(endpoint.events()), endpoint.enabled(), endpoint.disabledReason().orElse(null),
                endpoint.enabled(), endpoint.id().value())) > 0;
    }

    @Override
    public boolean disable(WebhookEndpointId id, String reason) {
        return write(connection -> Statements.update(connection, "UPDATE webhook_endpoint SET enabled = FALSE, "
                + "disabled_reason = ? WHERE id = ? AND enabled = TRUE", reason, id.value())) > 0;
    }

    @Override
    public boolean delete(WebhookEndpointId id) {
        return write(connection -> Statements.update(connection, "DELETE FROM webhook_endpoint WHERE id = ?",
                id.value())) > 0;
    }

    @Override
    public boolean rotateSecret(WebhookEndpointId id, WebhookSecret next, Instant previousUntil) {
        return write(connection -> Statements.update(connection, "UPDATE webhook_endpoint SET "
                        + "previous_secret = secret, previous_secret_until = ?, secret = ? WHERE id = ?",
                previousUntil, wrapping.wrap(purpose(id), next.reveal().getBytes(
                        java.nio.charset.StandardCharsets.US_ASCII)), id.value())) > 0;
    }

    @Override
    public List<WebhookSecret> signingSecrets(WebhookEndpointId id, Instant at) {
        return transactions.executeRead(status -> Statements.query(status.getConnection(),
                "SELECT secret, previous_secret, previous_secret_until FROM webhook_endpoint WHERE id = ?", row -> {
                    List<WebhookSecret> secrets = new ArrayList<>();
                    secrets.add(unwrapped(id, row.getString(1)));
                    Instant previousUntil = Statements.instant(row, 3);
                    if (row.getString(2) != null && previousUntil != null && at.isBefore(previousUntil)) {
                        secrets.add(unwrapped(id, row.getString(2)));
                    }
                    return List.copyOf(secrets);
                }, id.value())).stream().findFirst().orElse(List.of());
    }

    /**
     * Seals again, with the current master key, each secret sealed by a previous one, as the other stored keys are
     * while the master key is rotated; a conditional write, so that nodes starting together do it once.
     */
    @Override
    public void onApplicationEvent(StartupEvent started) {
        List<String[]> sealed = transactions.executeRead(status -> Statements.query(status.getConnection(),
                "SELECT id, secret, previous_secret FROM webhook_endpoint", row -> new String[] {
                        row.getObject(1, UUID.class).toString(), row.getString(2), row.getString(3)}));
        for (String[] row : sealed) {
            WebhookEndpointId id = WebhookEndpointId.parse(row[0]).orElseThrow();
            for (String column : List.of("secret", "previous_secret")) {
                String wrapped = column.equals("secret") ? row[1] : row[2];
                if (wrapped != null && !wrapping.sealedWithCurrent(wrapped)) {
                    String resealed = wrapping.wrap(purpose(id), wrapping.unwrap(purpose(id), wrapped));
                    write(connection -> Statements.update(connection, "UPDATE webhook_endpoint SET " + column
                            + " = ? WHERE id = ? AND " + column + " = ?", resealed, id.value(), wrapped));
                    LOG.info("Sealed webhook endpoint {}'s {} with the master key {}", id, column.replace('_', ' '),
                            wrapping.currentKeyId());
                }
            }
        }
    }

    private WebhookSecret unwrapped(WebhookEndpointId id, String wrapped) {
        String text = new String(wrapping.unwrap(purpose(id), wrapped), java.nio.charset.StandardCharsets.US_ASCII);
        return WebhookSecret.parse(text).orElseThrow(() -> new IllegalStateException(
                "the stored secret of webhook endpoint " + id + " is not one"));
    }

    private int write(java.util.function.Function<Connection, Integer> statement) {
        return writes.write(() -> transactions.executeWrite(status -> statement.apply(status.getConnection())));
    }

    /** Comma-separated and sorted: a type name holds no comma. */
    private static String events(Set<String> events) {
        return String.join(",", new TreeSet<>(events));
    }

    private static WebhookEndpoint endpoint(ResultSet row) throws SQLException {
        return new WebhookEndpoint(new WebhookEndpointId(row.getObject(1, UUID.class)), URI.create(row.getString(2)),
                row.getString(3), Optional.ofNullable(row.getString(4)), Set.of(row.getString(5).split(",")),
                row.getBoolean(6), Optional.ofNullable(row.getString(7)), Statements.instant(row, 8));
    }
}
