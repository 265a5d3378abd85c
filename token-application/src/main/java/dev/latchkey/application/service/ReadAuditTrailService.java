package dev.latchkey.application.service;

import dev.latchkey.application.port.in.ReadAuditTrailUseCase;
import dev.latchkey.application.port.out.LoadAuditEventsPort;
import dev.latchkey.domain.AccountId;
import java.util.Optional;

final class ReadAuditTrailService implements ReadAuditTrailUseCase {

    private final LoadAuditEventsPort events;

    ReadAuditTrailService(LoadAuditEventsPort events) {
        this.events = events;
    }

    @Override
    public Outcome read(AuditQuery query) {
        Optional<AccountId> account = query.account();
        if (!query.caller().isAdministrator()) {
            if (account.filter(asked -> !asked.equals(query.caller().accountId())).isPresent()) {
                return new Outcome.NotAllowed();
            }
            // Everyone else sees their own account's events only: those of their tokens and of their account.
            account = Optional.of(query.caller().accountId());
        }
        LoadAuditEventsPort.Filter filter = new LoadAuditEventsPort.Filter(account, query.token(), query.type(),
                query.since(), query.until());
        return new Outcome.Page(events.find(filter, (long) query.page() * query.size(), query.size()), query.page(),
                query.size(), events.count(filter));
    }
}
