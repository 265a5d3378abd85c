package dev.latchkey.application.service;

import dev.latchkey.application.port.in.ReadAuditTrailUseCase;
import dev.latchkey.application.port.out.LoadAccountPort;
import dev.latchkey.application.port.out.LoadAuditEventsPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.Username;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class ReadAuditTrailService implements ReadAuditTrailUseCase {

    private final LoadAuditEventsPort events;
    private final LoadAccountPort accounts;

    ReadAuditTrailService(LoadAuditEventsPort events, LoadAccountPort accounts) {
        this.events = events;
        this.accounts = accounts;
    }

    @Override
    public Page read(AuditQuery query) {
        Optional<AccountId> account = query.account();
        if (account.filter(asked -> !asked.equals(query.caller().accountId())).isPresent()) {
            // Another account's events.
            query.caller().requireAdministrator();
        } else if (!query.caller().isAdministrator()) {
            // Everyone else sees their own account's events only: those of their tokens and of their account.
            account = Optional.of(query.caller().accountId());
        }
        LoadAuditEventsPort.Filter filter = new LoadAuditEventsPort.Filter(account, query.token(), query.type(),
                query.since(), query.until());
        List<AuditEvent> found = events.find(filter, (long) query.page() * query.size(), query.size());
        return new Page(found, query.page(), query.size(), events.count(filter), actingAccounts(found));
    }

    /** The usernames of the accounts that acted in these events; a deleted account has none. */
    private Map<AccountId, Username> actingAccounts(List<AuditEvent> page) {
        Map<AccountId, Username> usernames = new HashMap<>();
        page.stream().map(event -> event.actor().accountId()).flatMap(Optional::stream).distinct()
                .forEach(id -> accounts.loadById(id).map(Account::username)
                        .ifPresent(username -> usernames.put(id, username)));
        return usernames;
    }
}
