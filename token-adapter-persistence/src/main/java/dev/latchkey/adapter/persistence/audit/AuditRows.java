package dev.latchkey.adapter.persistence.audit;

import dev.latchkey.adapter.persistence.webhooks.WebhookOutbox;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.Actor;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.TokenId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code audit_event} table's rows, written and read with plain JDBC: its reads filter on any field. */
public final class AuditRows {

    private static final String INSERT = "INSERT INTO audit_event (occurred_at, type, actor, account_id, token_id, "
            + "detail, occurrences) VALUES (?, ?, ?, ?, ?, ?, ?)";

    private AuditRows() {
    }

    public static void insert(Connection connection, List<AuditEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (AuditEvent event : events) {
                insert.setObject(1, OffsetDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC));
                insert.setString(2, event.type().name());
                insert.setString(3, event.actor().asText());
                uuid(insert, 4, event.account().map(AccountId::value));
                uuid(insert, 5, event.token().map(TokenId::value));
                insert.setString(6, event.detail());
                insert.setLong(7, event.count());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException failure) {
            throw new IllegalStateException("could not record " + events.size() + " audit events", failure);
        }
        // The announcements of these entries commit, or roll back, with them (ADR 18).
        WebhookOutbox.enqueue(connection, events);
    }

    static AuditEvent read(ResultSet row) throws SQLException {
        return new AuditEvent(row.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                AuditEventType.valueOf(row.getString("type")), Actor.parse(row.getString("actor")),
                Optional.ofNullable(row.getObject("account_id", UUID.class)).map(AccountId::new),
                Optional.ofNullable(row.getObject("token_id", UUID.class)).map(TokenId::new),
                row.getString("detail"), row.getLong("occurrences"));
    }

    private static void uuid(PreparedStatement statement, int index, Optional<UUID> value) throws SQLException {
        if (value.isEmpty()) {
            statement.setNull(index, Types.OTHER);
        } else {
            statement.setObject(index, value.get());
        }
    }
}
