package dev.latchkey.application.port.out;

import dev.latchkey.domain.Account;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.Username;
import java.util.Optional;

public interface LoadAccountPort {

    Optional<Account> loadById(AccountId id);

    Optional<Account> loadByUsername(Username username);

    boolean anyAccountExists();
}
