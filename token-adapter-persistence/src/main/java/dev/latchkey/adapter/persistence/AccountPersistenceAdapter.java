package dev.latchkey.adapter.persistence;

import dev.latchkey.application.port.out.LoadAccountPort;
import dev.latchkey.application.port.out.SaveAccountPort;
import dev.latchkey.application.port.out.UpdateAccountPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.Username;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Stores accounts in the {@code account} table. Accounts found by id, once per token check, come from memory while
 * the lease holds; a change to an account is announced in the change log, since it can end its tokens' validity
 * (ADR 10).
 */
@Singleton
@TranslatesStoreFailures
public class AccountPersistenceAdapter implements LoadAccountPort, SaveAccountPort, UpdateAccountPort {

    private final AccountRepository repository;
    private final PersistenceCaches caches;
    private final ChangeLog changeLog;
    private final WriteTransactions writes;

    AccountPersistenceAdapter(AccountRepository repository, PersistenceCaches caches, ChangeLog changeLog,
                              WriteTransactions writes) {
        this.repository = repository;
        this.caches = caches;
        this.changeLog = changeLog;
        this.writes = writes;
    }

    @Override
    public Optional<Account> loadById(AccountId id) {
        return caches.accounts.get(id.value(), uncached -> repository.findById(uncached).map(AccountRow::toDomain));
    }

    @Override
    public Optional<Account> loadByUsername(Username username) {
        return repository.findByUsernameKey(username.canonical()).map(AccountRow::toDomain);
    }

    @Override
    public boolean anyAccountExists() {
        return repository.count() > 0;
    }

    @Override
    public void update(Account account) {
        writes.write(() -> {
            repository.update(AccountRow.fromDomain(account));
            changeLog.append(new Change.Subject(Change.Kind.ACCOUNT, account.id().value().toString()));
            return null;
        });
    }

    @Override
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
