package dev.latchkey.application.port.out;

import dev.latchkey.domain.Account;
import dev.latchkey.domain.AccountFilter;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.Username;
import java.util.List;
import java.util.Optional;

/** Reads accounts: by id, by username, and filtered for administrators' listings. */
public interface LoadAccountPort {

    Optional<Account> loadById(AccountId id);

    Optional<Account> loadByUsername(Username username);

    boolean anyAccountExists();

    /** The accounts that match the filter, oldest first. */
    List<Account> loadMatching(AccountFilter filter, long offset, int limit);

    long countMatching(AccountFilter filter);
}
