package dev.latchkey.application.service;

import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.OwnAccountUseCase;
import dev.latchkey.application.port.out.LoadAccountPort;
import dev.latchkey.application.port.out.RecordAuditEventPort;
import dev.latchkey.application.port.out.TransactionPort;
import dev.latchkey.application.port.out.UpdateAccountPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.AccountUpdate;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.AuditEventType;
import java.time.Clock;
import java.util.Optional;

final class OwnAccountService implements OwnAccountUseCase {

    private final LoadAccountPort accounts;
    private final UpdateAccountPort updates;
    private final TransactionPort transactions;
    private final RecordAuditEventPort audit;
    private final Clock clock;

    OwnAccountService(LoadAccountPort accounts, UpdateAccountPort updates, TransactionPort transactions,
                      RecordAuditEventPort audit, Clock clock) {
        this.accounts = accounts;
        this.updates = updates;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Optional<Account> view(Caller caller) {
        return accounts.loadById(caller.accountId());
    }

    @Override
    public Optional<Account> setNotifications(Caller caller, boolean wanted) {
        return transactions.inTransaction(() -> accounts.loadById(caller.accountId()).map(account -> {
            AccountUpdate update = account.changeNotifications(wanted);
            if (!update.changes().isEmpty()) {
                updates.update(update.account());
                audit.record(AuditEvent.of(clock.instant(), AuditEventType.ACCOUNT_CHANGED, caller.actor(),
                        Optional.of(account.id()), Optional.empty(), update.auditDetail()));
            }
            return update.account();
        }));
    }
}
