package dev.latchkey.adapter.persistence.tokens;

import dev.latchkey.domain.Token;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A {@code token} row read with plain JDBC, by the reads that select {@code *} from the table. */
final class TokenRows {

    private TokenRows() {
    }

    /** The token the current row holds. */
    static Token token(ResultSet rows) throws SQLException {
        return row(rows).toDomain();
    }

    static TokenRow row(ResultSet rows) throws SQLException {
        return new TokenRow(rows.getObject("id", UUID.class), rows.getObject("owner_id", UUID.class),
                rows.getString("kind"), rows.getString("description"), rows.getString("scopes"),
                rows.getString("secret_hash"), instant(rows, "created_at"), instant(rows, "expires_at"),
                instant(rows, "last_used_at"), instant(rows, "revoked_at"), rows.getString("revocation_reason"),
                rows.getObject("grant_id", UUID.class), rows.getString("client_id"), instant(rows, "consumed_at"),
                rows.getString("grant_surface"), rows.getString("audience"),
                rows.getObject("delegator_id", UUID.class), rows.getString("jkt"));
    }

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
