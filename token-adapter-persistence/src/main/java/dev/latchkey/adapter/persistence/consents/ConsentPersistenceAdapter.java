package dev.latchkey.adapter.persistence.consents;

import dev.latchkey.adapter.persistence.JdbcTransactions;
import dev.latchkey.adapter.persistence.Statements;
import dev.latchkey.adapter.persistence.TranslatesStoreFailures;
import dev.latchkey.application.port.out.ConsentPort;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.Consent;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Consents in {@code consent}, one per account and client, read from the store each time: a withdrawal on one node
 * holds on the next authorization through any other.
 */
@Singleton
@TranslatesStoreFailures
class ConsentPersistenceAdapter implements ConsentPort {

    private static final String COLUMNS = "SELECT account_id, client_id, scopes, granted_at FROM consent ";

    private final TransactionOperations<Connection> transactions;
    private final JdbcTransactions writes;

    ConsentPersistenceAdapter(TransactionOperations<Connection> transactions, JdbcTransactions writes) {
        this.transactions = transactions;
        this.writes = writes;
    }

    @Override
    public Optional<Consent> find(AccountId account, ClientId client) {
        return transactions.executeRead(status -> query(status.getConnection(),
                COLUMNS + "WHERE account_id = ? AND client_id = ?", account.value(), client.value()))
                .stream().findFirst();
    }

    @Override
    public void save(Consent consent) {
        writes.write(() -> transactions.executeWrite(status -> {
            Connection connection = status.getConnection();
            // The account's row is locked first, as every write about an account does: two consents for one account
            // at once are then written one after the other, and neither trips over the other's new row.
            lockAccount(connection, consent.account());
            Statements.update(connection, "DELETE FROM consent WHERE account_id = ? AND client_id = ?",
                    consent.account().value(), consent.client().value());
            Statements.update(connection,
                    "INSERT INTO consent (account_id, client_id, scopes, granted_at) VALUES (?, ?, ?, ?)",
                    consent.account().value(), consent.client().value(), consent.scopes().asSpaceDelimited(),
                    consent.grantedAt());
            return null;
        }));
    }

    @Override
    public boolean withdraw(AccountId account, ClientId client) {
        return writes.write(() -> transactions.executeWrite(status -> Statements.update(status.getConnection(),
                "DELETE FROM consent WHERE account_id = ? AND client_id = ?", account.value(), client.value()))) > 0;
    }

    @Override
    public List<Consent> listFor(AccountId account) {
        return transactions.executeRead(status -> query(status.getConnection(),
                COLUMNS + "WHERE account_id = ? ORDER BY client_id", account.value()));
    }

    private static List<Consent> query(Connection connection, String sql, Object... parameters) {
        return Statements.query(connection, sql, row -> new ConsentRow(row.getObject(1, UUID.class),
                row.getString(2), row.getString(3), Statements.instant(row, 4)).toDomain(), parameters);
    }

    private static void lockAccount(Connection connection, AccountId account) {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT id FROM account WHERE id = ? FOR UPDATE")) {
            statement.setObject(1, account.value());
            try (ResultSet ignored = statement.executeQuery()) {
                // Held until the transaction ends.
            }
        } catch (SQLException failure) {
            throw new IllegalStateException("could not lock the account", failure);
        }
    }
}
