package dev.latchkey.application.port.in;

import dev.latchkey.domain.Account;
import dev.latchkey.domain.AccountFilter;
import dev.latchkey.domain.Username;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** An administrator reads accounts: one by its username, or a page of those that match a filter. */
public interface ReadAccountsUseCase {

    /** The account with this username, if there is one. */
    Optional<Account> find(Caller administrator, Username username);

    /** The accounts that match the query's filter, oldest first, a page at a time. */
    AccountPage list(ListAccountsQuery query);

    /** A page of the accounts that match the filter. */
    record ListAccountsQuery(Caller administrator, AccountFilter filter, int page, int size) {
        public ListAccountsQuery {
            Objects.requireNonNull(administrator, "administrator");
            Objects.requireNonNull(filter, "filter");
            new ListTokensUseCase.ListTokensQuery(administrator, page, size);
        }
    }

    /** The accounts on this page, and how many match in all. */
    record AccountPage(List<Account> accounts, int page, int size, long total) {
        public AccountPage {
            accounts = List.copyOf(accounts);
        }
    }
}
