package dev.latchkey.application.port.in;

import dev.latchkey.domain.Account;
import dev.latchkey.domain.Username;
import java.util.Optional;

/** An administrator ends a lock from failed logins at once, instead of when the allowance has refilled by itself. */
public interface UnlockAccountUseCase {

    /** The account, its login allowance refilled; empty if no account has this username. */
    Optional<Account> unlock(Caller administrator, Username username);
}
