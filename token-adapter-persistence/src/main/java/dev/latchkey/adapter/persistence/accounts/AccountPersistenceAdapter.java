package dev.latchkey.adapter.persistence.accounts;

import dev.latchkey.adapter.persistence.JdbcTransactions;
import dev.latchkey.adapter.persistence.OnEveryTokenCheck;
import dev.latchkey.adapter.persistence.SqlConditions;
import dev.latchkey.adapter.persistence.StoreFailures;
import dev.latchkey.adapter.persistence.TranslatesStoreFailures;
import dev.latchkey.adapter.persistence.UniqueViolation;
import dev.latchkey.adapter.persistence.changelog.Change;
import dev.latchkey.adapter.persistence.changelog.ChangeLog;
import dev.latchkey.adapter.persistence.changelog.PersistenceCaches;
import dev.latchkey.application.port.out.DeleteAccountPort;
import dev.latchkey.application.port.out.LoadAccountPort;
import dev.latchkey.application.port.out.SaveAccountPort;
import dev.latchkey.application.port.out.UpdateAccountPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.AccountFilter;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.Username;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Stores accounts in the {@code account} table. Accounts found by id, once per token check, come from memory while
 * the lease holds; a change to an account is announced in the change log, since it can end its tokens' validity
 * (ADR 10).
 */
@Singleton
class AccountPersistenceAdapter implements LoadAccountPort, SaveAccountPort, UpdateAccountPort, DeleteAccountPort {

    private final AccountRepository repository;
    private final PersistenceCaches caches;
    private final ChangeLog changeLog;
    private final JdbcTransactions writes;
    private final TransactionOperations<Connection> transactions;

    AccountPersistenceAdapter(AccountRepository repository, PersistenceCaches caches, ChangeLog changeLog,
                              JdbcTransactions writes, TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
        this.repository = repository;
        this.caches = caches;
        this.changeLog = changeLog;
        this.writes = writes;
    }

    @Override
    @OnEveryTokenCheck
    public Optional<Account> loadById(AccountId id) {
        try {
            return caches.accounts.get(id.value(), uncached -> repository.findById(uncached).map(AccountRow::toDomain));
        } catch (RuntimeException failure) {
            throw StoreFailures.translated(failure);
        }
    }

    @Override
    @TranslatesStoreFailures
    public Optional<Account> loadByUsername(Username username) {
        return repository.findByUsernameKey(username.canonical()).map(AccountRow::toDomain);
    }

    @Override
    @TranslatesStoreFailures
    public boolean anyAccountExists() {
        return repository.count() > 0;
    }

    @Override
    @TranslatesStoreFailures
    public List<Account> loadMatching(AccountFilter filter, long offset, int limit) {
        SqlConditions conditions = conditions(filter);
        return transactions.executeRead(status -> conditions.page(status.getConnection(), "SELECT * FROM account",
                "created_at, id", rows -> row(rows).toDomain(), offset, limit));
    }

    @Override
    @TranslatesStoreFailures
    public long countMatching(AccountFilter filter) {
        SqlConditions conditions = conditions(filter);
        return transactions.executeRead(status -> conditions.count(status.getConnection(), "account"));
    }

    private static SqlConditions conditions(AccountFilter filter) {
        SqlConditions conditions = new SqlConditions();
        filter.organization().ifPresent(organization -> conditions.add("organization = ?", organization.name()));
        filter.role().ifPresent(role -> conditions.add("role = ?", role.name()));
        filter.partner().ifPresent(partner -> conditions.add("partner_id = ?", partner.value()));
        filter.enabled().ifPresent(enabled -> conditions.add("enabled = ?", enabled));
        return conditions;
    }

    private static AccountRow row(ResultSet rows) throws SQLException {
        Long partner = rows.getObject("partner_id") == null ? null : rows.getLong("partner_id");
        return new AccountRow(rows.getObject("id", UUID.class), rows.getString("username"),
                rows.getString("username_key"), rows.getString("password_hash"), rows.getString("role"),
                rows.getBoolean("enabled"), rows.getObject("created_at", OffsetDateTime.class).toInstant(),
                rows.getString("email"), rows.getString("organization"), partner, rows.getBoolean("notifications"));
    }

    /** Deletes the account's rotation records, its tokens and the account, in one transaction, and announces it. */
    @Override
    @TranslatesStoreFailures
    public void delete(AccountId account) {
        writes.write(() -> transactions.executeWrite(status -> {
            try (PreparedStatement rotations = status.getConnection()
                    .prepareStatement("DELETE FROM rotation WHERE account_id = ?");
                 PreparedStatement tokens = status.getConnection()
                         .prepareStatement("DELETE FROM token WHERE owner_id = ?");
                 PreparedStatement accounts = status.getConnection()
                         .prepareStatement("DELETE FROM account WHERE id = ?")) {
                for (PreparedStatement delete : List.of(rotations, tokens, accounts)) {
                    delete.setObject(1, account.value());
                    delete.executeUpdate();
                }
            } catch (SQLException failure) {
                throw new IllegalStateException("could not delete the account", failure);
            }
            changeLog.append(new Change.Subject(Change.Kind.ACCOUNT, account.value().toString()));
            return null;
        }));
    }

    @Override
    @TranslatesStoreFailures
    public void update(Account account) {
        writes.write(() -> {
            repository.update(AccountRow.fromDomain(account));
            changeLog.append(new Change.Subject(Change.Kind.ACCOUNT, account.id().value().toString()));
            return null;
        });
    }

    /** {@code SELECT ... FOR UPDATE}: both databases wait for a locked row, then read it as committed. */
    @Override
    @TranslatesStoreFailures
    public long lockEnabledAdministrators() {
        return writes.write(() -> transactions.executeWrite(status -> {
            try (PreparedStatement select = status.getConnection().prepareStatement(
                    "SELECT id FROM account WHERE role = ? AND enabled = ? FOR UPDATE")) {
                select.setString(1, Role.ADMIN.name());
                select.setBoolean(2, true);
                long locked = 0;
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        locked++;
                    }
                }
                return locked;
            } catch (SQLException failure) {
                throw new IllegalStateException("could not lock the administrators", failure);
            }
        }));
    }

    @Override
    @TranslatesStoreFailures
    public SaveOutcome saveNew(Account account) {
        try {
            repository.save(AccountRow.fromDomain(account));
            return SaveOutcome.SAVED;
        } catch (DataAccessException failure) {
            if (UniqueViolation.isCauseOf(failure)) {
                return SaveOutcome.USERNAME_TAKEN;
            }
            throw failure;
        }
    }
}
