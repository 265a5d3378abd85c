package dev.latchkey.adapter.persistence.webhooks;

import dev.latchkey.adapter.persistence.JdbcTransactions;
import dev.latchkey.adapter.persistence.Statements;
import dev.latchkey.adapter.persistence.TranslatesStoreFailures;
import dev.latchkey.application.port.out.WebhookDeliveryPort;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.Actor;
import dev.latchkey.domain.OutboundEvent;
import dev.latchkey.domain.TokenId;
import dev.latchkey.domain.WebhookEndpointId;
import dev.latchkey.domain.WebhookMessage;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The webhook outbox's sending side (ADR 18): an endpoint is held by one node at a time through a conditional write
 * on its row, which H2 and PostgreSQL do alike; on PostgreSQL the search for candidates skips rows another node is
 * claiming at that moment ({@code FOR UPDATE SKIP LOCKED}) instead of waiting for them.
 */
@Singleton
@TranslatesStoreFailures
class WebhookDeliveryPersistenceAdapter implements WebhookDeliveryPort {

    private static final String MESSAGE_COLUMNS = "SELECT id, endpoint_id, message_id, event_type, occurred_at, actor, "
            + "account_id, token_id, detail, occurrences, attempts, first_attempt_at, state, next_attempt_at "
            + "FROM webhook_message ";
    private static final String CANDIDATES = "SELECT e.id FROM webhook_endpoint e WHERE e.enabled = TRUE "
            + "AND (e.claimed_until IS NULL OR e.claimed_until < ?) AND EXISTS (SELECT 1 FROM webhook_message m "
            + "WHERE m.endpoint_id = e.id AND m.next_attempt_at <= ? AND m.id = (SELECT MIN(p.id) "
            + "FROM webhook_message p WHERE p.endpoint_id = e.id AND p.state = 'PENDING')) ORDER BY e.id LIMIT ?";

    private final TransactionOperations<Connection> transactions;
    private final JdbcTransactions writes;

    WebhookDeliveryPersistenceAdapter(TransactionOperations<Connection> transactions, JdbcTransactions writes) {
        this.transactions = transactions;
        this.writes = writes;
    }

    @Override
    public List<WebhookEndpointId> claimDue(String node, Instant now, Instant until, int max) {
        // Most polls find nothing: a read answers them, and only a poll that found work opens a write.
        if (transactions.executeRead(status -> Statements.query(status.getConnection(), CANDIDATES,
                row -> row.getObject(1, UUID.class), now, now, 1)).isEmpty()) {
            return List.of();
        }
        return writes.writeOnConnection(connection -> {
            boolean postgres = Statements.isPostgres(connection);
            List<UUID> candidates = Statements.query(connection, CANDIDATES + (postgres ? " FOR UPDATE SKIP LOCKED"
                    : ""), row -> row.getObject(1, UUID.class), now, now, max);
            List<WebhookEndpointId> claimed = new ArrayList<>();
            for (UUID candidate : candidates) {
                if (Statements.update(connection, "UPDATE webhook_endpoint SET claimed_by = ?, claimed_until = ? "
                        + "WHERE id = ? AND enabled = TRUE AND (claimed_until IS NULL OR claimed_until < ?)", node,
                        until, candidate, now) == 1) {
                    claimed.add(new WebhookEndpointId(candidate));
                }
            }
            return claimed;
        });
    }

    @Override
    public boolean renewClaim(WebhookEndpointId endpoint, String node, Instant until) {
        return writes.writeOnConnection(connection ->
                Statements.update(connection, "UPDATE webhook_endpoint SET claimed_until = ? "
                        + "WHERE id = ? AND claimed_by = ? AND enabled = TRUE", until, endpoint.value(), node)) == 1;
    }

    @Override
    public void release(WebhookEndpointId endpoint, String node) {
        writes.writeOnConnection(connection ->
                Statements.update(connection, "UPDATE webhook_endpoint SET claimed_by = NULL, "
                        + "claimed_until = NULL WHERE id = ? AND claimed_by = ?", endpoint.value(), node));
    }

    @Override
    public Optional<WebhookMessage> due(WebhookEndpointId endpoint, Instant now) {
        return transactions.executeRead(status -> Statements.query(status.getConnection(), MESSAGE_COLUMNS
                        + "WHERE endpoint_id = ? AND state = 'PENDING' ORDER BY id FETCH FIRST 1 ROWS ONLY",
                row -> Map.entry(message(row), Statements.instant(row, 14)), endpoint.value()))
                .stream().filter(head -> !head.getValue().isAfter(now)).map(Map.Entry::getKey).findFirst();
    }

    @Override
    public void recordAttempt(WebhookMessage message, Attempt attempt, Next next) {
        writes.writeOnConnection(connection -> {
            Statements.update(connection, "INSERT INTO webhook_attempt (message_id, attempted_at, status, "
                            + "duration_millis, response) VALUES (?, ?, ?, ?, ?)", message.sequence(), attempt.at(),
                    attempt.status().orElse(null), attempt.duration().toMillis(), attempt.response());
            String state = next instanceof Next.Delivered ? "DELIVERED" : next instanceof Next.GivenUp ? "FAILED"
                    : "PENDING";
            Instant nextAttempt = next instanceof Next.RetryAt retry ? retry.at() : attempt.at();
            Statements.update(connection, "UPDATE webhook_message SET attempts = attempts + 1, "
                    + "first_attempt_at = COALESCE(first_attempt_at, ?), state = ?, next_attempt_at = ? WHERE id = ?",
                    attempt.at(), state, nextAttempt, message.sequence());
            return Statements.update(connection, attempt.succeeded()
                    ? "UPDATE webhook_endpoint SET failing_since = NULL WHERE id = ?"
                    : "UPDATE webhook_endpoint SET failing_since = COALESCE(failing_since, ?) WHERE id = ?",
                    attempt.succeeded() ? new Object[] {message.endpoint().value()}
                            : new Object[] {attempt.at(), message.endpoint().value()});
        });
    }

    @Override
    public WebhookMessage enqueue(WebhookEndpointId endpoint, OutboundEvent event) {
        String messageId = WebhookOutbox.newMessageId();
        return writes.writeOnConnection(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO webhook_message (endpoint_id, "
                    + "message_id, event_type, occurred_at, actor, account_id, token_id, detail, occurrences, state, "
                    + "attempts, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?)",
                    new String[] {"id"})) {
                Object[] values = {endpoint.value(), messageId, event.type(), event.occurredAt(),
                        event.actor().asText(),
                        event.account().map(AccountId::value).orElse(null),
                        event.token().map(TokenId::value).orElse(null), event.detail(), event.count(),
                        event.occurredAt()};
                for (int index = 0; index < values.length; index++) {
                    Object value = values[index] instanceof Instant instant
                            ? java.time.OffsetDateTime.ofInstant(instant, java.time.ZoneOffset.UTC) : values[index];
                    if (value == null) {
                        insert.setNull(index + 1, java.sql.Types.OTHER);
                    } else {
                        insert.setObject(index + 1, value);
                    }
                }
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    return new WebhookMessage(keys.getLong(1), endpoint, messageId, event, 0, Optional.empty());
                }
            } catch (SQLException failure) {
                throw new IllegalStateException("could not write a webhook message", failure);
            }
        });
    }

    @Override
    public List<Delivery> recent(WebhookEndpointId endpoint, int limit) {
        return transactions.executeRead(status -> {
            Connection connection = status.getConnection();
            List<Map.Entry<WebhookMessage, Map.Entry<String, Instant>>> messages = Statements.query(connection,
                    MESSAGE_COLUMNS + "WHERE endpoint_id = ? ORDER BY id DESC FETCH FIRST " + Math.max(0, limit)
                            + " ROWS ONLY", row -> Map.entry(message(row), Map.entry(row.getString(13),
                            Statements.instant(row, 14))), endpoint.value());
            Map<Long, List<Attempt>> attempts = new HashMap<>();
            for (Map.Entry<WebhookMessage, Map.Entry<String, Instant>> message : messages) {
                attempts.put(message.getKey().sequence(), Statements.query(connection, "SELECT attempted_at, "
                        + "status, duration_millis, response FROM webhook_attempt WHERE message_id = ? "
                        + "ORDER BY attempted_at DESC, id DESC", row -> new Attempt(Statements.instant(row, 1),
                        Optional.ofNullable((Integer) row.getObject(2, Integer.class)),
                        Duration.ofMillis(row.getLong(3)), row.getString(4)), message.getKey().sequence()));
            }
            return messages.stream().map(message -> new Delivery(message.getKey(),
                    message.getValue().getKey().toLowerCase(Locale.ROOT),
                    message.getValue().getKey().equals("PENDING") ? Optional.of(message.getValue().getValue())
                            : Optional.empty(), attempts.get(message.getKey().sequence()))).toList();
        });
    }

    @Override
    public boolean redeliver(WebhookEndpointId endpoint, String messageId, Instant now) {
        // A copy under the same id, queued after the endpoint's pending messages; the original keeps its history.
        return writes.writeOnConnection(connection ->
                Statements.update(connection, "INSERT INTO webhook_message (endpoint_id, message_id, event_type, "
                        + "occurred_at, actor, account_id, token_id, detail, occurrences, state, attempts, "
                        + "next_attempt_at) SELECT endpoint_id, message_id, event_type, occurred_at, actor, "
                        + "account_id, token_id, detail, occurrences, 'PENDING', 0, ? FROM webhook_message WHERE id = "
                        + "(SELECT MAX(id) FROM webhook_message WHERE endpoint_id = ? AND message_id = ?) "
                        + "AND state <> 'PENDING'", now, endpoint.value(), messageId)) == 1;
    }

    @Override
    public Optional<Instant> failingSince(WebhookEndpointId endpoint) {
        return transactions.executeRead(status -> Statements.query(status.getConnection(),
                "SELECT failing_since FROM webhook_endpoint WHERE id = ?", row -> Optional.ofNullable(
                        Statements.instant(row, 1)), endpoint.value())).stream().findFirst().flatMap(found -> found);
    }


    private static WebhookMessage message(ResultSet row) throws SQLException {
        OutboundEvent event = new OutboundEvent(row.getString(4), Statements.instant(row, 5),
                Actor.parse(row.getString(6)), Optional.ofNullable(row.getObject(7, UUID.class)).map(AccountId::new),
                Optional.ofNullable(row.getObject(8, UUID.class)).map(TokenId::new), row.getString(9),
                row.getLong(10));
        return new WebhookMessage(row.getLong(1), new WebhookEndpointId(row.getObject(2, UUID.class)),
                row.getString(3), event, row.getInt(11), Optional.ofNullable(Statements.instant(row, 12)));
    }
}
