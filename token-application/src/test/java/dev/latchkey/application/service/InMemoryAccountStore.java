package dev.latchkey.application.service;

import dev.latchkey.application.port.out.LoadAccountPort;
import dev.latchkey.application.port.out.SaveAccountPort;
import dev.latchkey.application.port.out.UpdateAccountPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.AccountFilter;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.Username;
import java.util.Map;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

final class InMemoryAccountStore implements LoadAccountPort, SaveAccountPort, UpdateAccountPort {

    private final Map<Username, Account> byUsername = new ConcurrentHashMap<>();

    @Override
    public Optional<Account> loadById(AccountId id) {
        return byUsername.values().stream().filter(account -> account.id().equals(id)).findFirst();
    }

    @Override
    public Optional<Account> loadByUsername(Username username) {
        return Optional.ofNullable(byUsername.get(username));
    }

    @Override
    public boolean anyAccountExists() {
        return !byUsername.isEmpty();
    }

    @Override
    public List<Account> loadMatching(AccountFilter filter, long offset, int limit) {
        return byUsername.values().stream().filter(filter::matches)
                .sorted(Comparator.comparing(Account::createdAt).thenComparing(account -> account.id().value()))
                .skip(offset).limit(limit).toList();
    }

    @Override
    public long countMatching(AccountFilter filter) {
        return byUsername.values().stream().filter(filter::matches).count();
    }

    /** One process, no transactions to order: a count is all the fakes need. */
    @Override
    public long lockEnabledAdministrators() {
        return byUsername.values().stream().filter(account -> account.enabled() && account.role() == Role.ADMIN)
                .count();
    }

    void delete(AccountId id) {
        byUsername.values().removeIf(account -> account.id().equals(id));
    }

    @Override
    public void update(Account account) {
        byUsername.put(account.username(), account);
    }

    @Override
    public SaveOutcome saveNew(Account account) {
        return byUsername.putIfAbsent(account.username(), account) == null ? SaveOutcome.SAVED : SaveOutcome.USERNAME_TAKEN;
    }
}
