package dev.latchkey.application.service;

import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.ReadAccountsUseCase;
import dev.latchkey.application.port.out.LoadAccountPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.Username;
import java.util.Optional;

/** Reads accounts, one or a page; administrators only. */
final class ReadAccountsService implements ReadAccountsUseCase {

    private final LoadAccountPort accounts;

    ReadAccountsService(LoadAccountPort accounts) {
        this.accounts = accounts;
    }

    @Override
    public Optional<Account> find(Caller administrator, Username username) {
        administrator.requireAdministrator();
        return accounts.loadByUsername(username);
    }

    @Override
    public AccountPage list(ListAccountsQuery query) {
        query.administrator().requireAdministrator();
        long offset = (long) query.page() * query.size();
        return new AccountPage(accounts.loadMatching(query.filter(), offset, query.size()), query.page(),
                query.size(), accounts.countMatching(query.filter()));
    }
}
