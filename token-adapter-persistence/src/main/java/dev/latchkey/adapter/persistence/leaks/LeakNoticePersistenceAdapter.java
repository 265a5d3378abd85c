package dev.latchkey.adapter.persistence.leaks;

import dev.latchkey.adapter.persistence.JdbcTransactions;
import dev.latchkey.adapter.persistence.Statements;
import dev.latchkey.adapter.persistence.TranslatesStoreFailures;
import dev.latchkey.application.port.out.LeakNoticePort;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.LeakNotice;
import dev.latchkey.domain.TokenId;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Leak notices in {@code leak_notice}, one per token, read from the store each time: a notice written on the node
 * that took a scanner's report shows on the owner's next page through any node.
 */
@Singleton
@TranslatesStoreFailures
class LeakNoticePersistenceAdapter implements LeakNoticePort {

    private static final String COLUMNS =
            "SELECT token_id, account_id, source, location, found_at, dismissed_at FROM leak_notice ";
    /** Token ids asked about in one statement; a page of the console shows fewer. */
    private static final int IDS_PER_QUERY = 100;

    private final TransactionOperations<Connection> transactions;
    private final JdbcTransactions writes;

    LeakNoticePersistenceAdapter(TransactionOperations<Connection> transactions, JdbcTransactions writes) {
        this.transactions = transactions;
        this.writes = writes;
    }

    @Override
    public void record(LeakNotice notice) {
        // Written only with the token's revocation, which a token has once, so a second notice never arises: were it
        // tried, the key would refuse it and its transaction, revocation and all, would be undone.
        writes.write(() -> transactions.executeWrite(status -> Statements.update(status.getConnection(),
                "INSERT INTO leak_notice (token_id, account_id, source, location, found_at, dismissed_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", notice.token().value(), notice.owner().value(),
                notice.source(), notice.location(), notice.foundAt(), notice.dismissedAt().orElse(null))));
    }

    @Override
    public List<LeakNotice> undismissed(AccountId owner, int limit) {
        return transactions.executeRead(status -> Statements.query(status.getConnection(), COLUMNS
                + "WHERE account_id = ? AND dismissed_at IS NULL ORDER BY found_at DESC, token_id FETCH FIRST "
                + Math.max(0, limit) + " ROWS ONLY", LeakNoticePersistenceAdapter::notice, owner.value()));
    }

    @Override
    public List<LeakNotice> ofTokens(AccountId owner, Collection<TokenId> tokens) {
        List<UUID> ids = tokens.stream().map(TokenId::value).distinct().toList();
        List<LeakNotice> notices = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            List<Object> parameters = new ArrayList<>();
            parameters.add(owner.value());
            parameters.addAll(ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY)));
            String marks = "?, ".repeat(parameters.size() - 2) + "?";
            notices.addAll(transactions.executeRead(status -> Statements.query(status.getConnection(), COLUMNS
                    + "WHERE account_id = ? AND token_id IN (" + marks + ")", LeakNoticePersistenceAdapter::notice,
                    parameters.toArray())));
        }
        return notices;
    }

    @Override
    public int dismissAll(AccountId owner, Instant at) {
        return writes.write(() -> transactions.executeWrite(status -> Statements.update(status.getConnection(),
                "UPDATE leak_notice SET dismissed_at = ? WHERE account_id = ? AND dismissed_at IS NULL", at,
                owner.value())));
    }

    private static LeakNotice notice(ResultSet row) throws SQLException {
        return new LeakNotice(new TokenId(row.getObject(1, UUID.class)), new AccountId(row.getObject(2, UUID.class)),
                row.getString(3), row.getString(4), Statements.instant(row, 5),
                Optional.ofNullable(Statements.instant(row, 6)));
    }
}
