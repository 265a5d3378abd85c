package dev.latchkey.adapter.persistence.tokens;

import dev.latchkey.adapter.persistence.SqlConditions;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenFilter;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Token listings narrowed by a {@link TokenFilter}, in SQL. The conditions follow {@code Token.statusAt}: a revocation
 * in effect comes first, then a refresh token's consumption, then expiry. Every value is a bound parameter.
 */
@Singleton
class MatchingTokens {

    private static final String NOT_REVOKED = "(revoked_at IS NULL OR revoked_at > ?)";

    private final TransactionOperations<Connection> transactions;

    MatchingTokens(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    List<Token> find(Optional<AccountId> owner, TokenFilter filter, Instant now, long offset, int limit) {
        SqlConditions conditions = conditions(owner, filter, now);
        return transactions.executeRead(status -> conditions.page(status.getConnection(), "SELECT * FROM token",
                "created_at DESC, id", rows -> row(rows).toDomain(), offset, limit));
    }

    long count(Optional<AccountId> owner, TokenFilter filter, Instant now) {
        SqlConditions conditions = conditions(owner, filter, now);
        return transactions.executeRead(status -> conditions.count(status.getConnection(), "token"));
    }

    static TokenRow row(ResultSet rows) throws SQLException {
        return new TokenRow(rows.getObject("id", UUID.class), rows.getObject("owner_id", UUID.class),
                rows.getString("kind"), rows.getString("description"), rows.getString("scopes"),
                rows.getString("secret_hash"), instant(rows, "created_at"), instant(rows, "expires_at"),
                instant(rows, "last_used_at"), instant(rows, "revoked_at"), rows.getString("revocation_reason"),
                rows.getObject("grant_id", UUID.class), rows.getString("client_id"), instant(rows, "consumed_at"),
                rows.getString("grant_surface"), rows.getString("audience"),
                rows.getObject("delegator_id", UUID.class));
    }

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static SqlConditions conditions(Optional<AccountId> owner, TokenFilter filter, Instant now) {
        SqlConditions conditions = new SqlConditions();
        owner.ifPresent(account -> conditions.add("owner_id = ?", account.value()));
        filter.kind().ifPresent(kind -> conditions.add("kind = ?", kind.name()));
        if (!filter.statuses().isEmpty()) {
            List<String> any = new ArrayList<>();
            List<Object> values = new ArrayList<>();
            for (TokenFilter.Status wanted : filter.statuses()) {
                switch (wanted) {
                    case ACTIVE -> {
                        any.add(NOT_REVOKED + " AND consumed_at IS NULL AND (expires_at IS NULL OR expires_at > ?)");
                        values.add(now);
                        values.add(now);
                    }
                    case EXPIRED -> {
                        any.add(NOT_REVOKED + " AND consumed_at IS NULL AND expires_at <= ?");
                        values.add(now);
                        values.add(now);
                    }
                    case REVOKED -> {
                        any.add("revoked_at <= ?");
                        values.add(now);
                    }
                }
            }
            conditions.add("((" + String.join(") OR (", any) + "))", values.toArray());
        }
        filter.expiringWithin().ifPresent(window -> conditions.add(NOT_REVOKED
                + " AND consumed_at IS NULL AND expires_at > ? AND expires_at <= ?", now, now, now.plus(window)));
        filter.unusedFor().ifPresent(window -> conditions.add("COALESCE(last_used_at, created_at) < ?",
                now.minus(window)));
        return conditions;
    }
}
