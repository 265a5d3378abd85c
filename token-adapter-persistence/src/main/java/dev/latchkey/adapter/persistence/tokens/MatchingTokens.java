package dev.latchkey.adapter.persistence.tokens;

import dev.latchkey.adapter.persistence.SqlConditions;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenFilter;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
                "created_at DESC, id", TokenRows::token, offset, limit));
    }

    long count(Optional<AccountId> owner, TokenFilter filter, Instant now) {
        SqlConditions conditions = conditions(owner, filter, now);
        return transactions.executeRead(status -> conditions.count(status.getConnection(), "token"));
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
