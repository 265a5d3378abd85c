package dev.latchkey.application.service;

import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.UnlockAccountUseCase;
import dev.latchkey.application.port.out.LoadAccountPort;
import dev.latchkey.application.port.out.LoginLimitPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.Username;
import java.util.Optional;

/** Refills an account's login allowance; administrators only. */
final class UnlockAccountService implements UnlockAccountUseCase {

    private final LoadAccountPort accounts;
    private final LoginLimitPort loginLimits;

    UnlockAccountService(LoadAccountPort accounts, LoginLimitPort loginLimits) {
        this.accounts = accounts;
        this.loginLimits = loginLimits;
    }

    @Override
    public Optional<Account> unlock(Caller administrator, Username username) {
        administrator.requireAdministrator();
        Optional<Account> found = accounts.loadByUsername(username);
        found.ifPresent(account -> loginLimits.refill(AuthenticateService.usernameKey(account.username().value())));
        return found;
    }
}
