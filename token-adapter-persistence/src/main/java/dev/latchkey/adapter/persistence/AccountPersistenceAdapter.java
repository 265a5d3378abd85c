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

/** Stores accounts in the {@code account} table. */
@Singleton
public class AccountPersistenceAdapter implements LoadAccountPort, SaveAccountPort, UpdateAccountPort {

    private final AccountRepository repository;

    AccountPersistenceAdapter(AccountRepository repository) {
        this.repository = repository;
    }

    @Override
    public Optional<Account> loadById(AccountId id) {
        return repository.findById(id.value()).map(AccountRow::toDomain);
    }

    @Override
    public Optional<Account> loadByUsername(Username username) {
        return repository.findByUsername(username.value()).map(AccountRow::toDomain);
    }

    @Override
    public boolean anyAccountExists() {
        return repository.count() > 0;
    }

    @Override
    public void update(Account account) {
        repository.update(AccountRow.fromDomain(account));
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
