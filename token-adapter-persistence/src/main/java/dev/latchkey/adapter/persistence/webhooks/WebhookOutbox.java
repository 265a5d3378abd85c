package dev.latchkey.adapter.persistence.webhooks;

import dev.latchkey.adapter.persistence.Statements;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.TokenId;
import dev.latchkey.domain.WebhookEventTypes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The outbox of webhook messages, written with the audit entries they announce, on the same connection and in the
 * same transaction (ADR 18): one message per entry and enabled endpoint that subscribes to one of the entry's names
 * and covers its account's organization. The endpoints are read in that transaction, so no event committed after an
 * endpoint's creation committed is missed on any node.
 */
public final class WebhookOutbox {

    private static final String INSERT = "INSERT INTO webhook_message (endpoint_id, message_id, event_type, "
            + "occurred_at, actor, account_id, token_id, detail, occurrences, state, attempts, next_attempt_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?)";

    private record Subscriber(UUID id, Set<String> events, Optional<String> organization) {
    }

    private WebhookOutbox() {
    }

    /** A new message id, the {@code webhook-id} receivers deduplicate by. */
    static String newMessageId() {
        return "msg_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** Writes the messages that announce these entries, in the caller's transaction. */
    public static void enqueue(Connection connection, List<AuditEvent> events) {
        List<Subscriber> subscribers = Statements.query(connection,
                "SELECT id, events, organization FROM webhook_endpoint WHERE enabled = TRUE ORDER BY id",
                row -> new Subscriber(row.getObject(1, UUID.class), Set.of(row.getString(2).split(",")),
                        Optional.ofNullable(row.getString(3))));
        if (subscribers.isEmpty()) {
            return;
        }
        Map<UUID, Optional<String>> organizations = new HashMap<>();
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (AuditEvent event : events) {
                List<String> names = WebhookEventTypes.namesOf(event);
                for (Subscriber subscriber : subscribers) {
                    Optional<String> type = WebhookEventTypes.deliveredAs(names, subscriber.events());
                    if (type.isEmpty() || !covers(connection, subscriber, event, organizations)) {
                        continue;
                    }
                    insert.setObject(1, subscriber.id());
                    insert.setString(2, newMessageId());
                    insert.setString(3, type.get());
                    OffsetDateTime at = OffsetDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC);
                    insert.setObject(4, at);
                    insert.setString(5, event.actor().asText());
                    uuid(insert, 6, event.account().map(AccountId::value));
                    uuid(insert, 7, event.token().map(TokenId::value));
                    insert.setString(8, event.detail());
                    insert.setLong(9, event.count());
                    insert.setObject(10, at);
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        } catch (SQLException failure) {
            throw new IllegalStateException("could not write webhook messages", failure);
        }
    }

    /** Whether the event is the subscriber's: any, unless it is limited to one organization's accounts. */
    private static boolean covers(Connection connection, Subscriber subscriber, AuditEvent event,
                                  Map<UUID, Optional<String>> organizations) {
        if (subscriber.organization().isEmpty()) {
            return true;
        }
        Optional<String> organization = event.account().map(AccountId::value).flatMap(account ->
                organizations.computeIfAbsent(account, id -> Statements.query(connection,
                        "SELECT organization FROM account WHERE id = ?", row -> Optional.ofNullable(row.getString(1)),
                        id).stream().findFirst().flatMap(found -> found)));
        return subscriber.organization().equals(organization);
    }

    private static void uuid(PreparedStatement statement, int index, Optional<UUID> value) throws SQLException {
        if (value.isEmpty()) {
            statement.setNull(index, Types.OTHER);
        } else {
            statement.setObject(index, value.get());
        }
    }
}
