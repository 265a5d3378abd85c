package dev.latchkey.application.service;

import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.DeleteAccountUseCase;
import dev.latchkey.application.port.out.DeleteAccountPort;
import dev.latchkey.application.port.out.LoadAccountPort;
import dev.latchkey.application.port.out.LoadClientPort;
import dev.latchkey.application.port.out.LoadTokenPort;
import dev.latchkey.application.port.out.RecordAuditEventPort;
import dev.latchkey.application.port.out.SignInSessionPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.Actor;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.RevocationReason;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.Username;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Revokes an account's tokens, ends its sessions and deletes it, in one transaction; administrators only. */
final class DeleteAccountService implements DeleteAccountUseCase {

    private final LoadAccountPort accounts;
    private final LoadClientPort clients;
    private final DeleteAccountPort deletions;
    private final SignInSessionPort sessions;
    private final TokenLifecycle lifecycle;
    private final RecordAuditEventPort audit;
    private final Clock clock;

    DeleteAccountService(LoadAccountPort accounts, LoadClientPort clients, DeleteAccountPort deletions,
                         SignInSessionPort sessions, TokenLifecycle lifecycle, RecordAuditEventPort audit,
                         Clock clock) {
        this.accounts = accounts;
        this.clients = clients;
        this.deletions = deletions;
        this.sessions = sessions;
        this.lifecycle = lifecycle;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Outcome delete(Caller administrator, Username username) {
        Actor actor = administrator.requireAdministrator().actor();
        Optional<Account> found = accounts.loadByUsername(username);
        if (found.isEmpty()) {
            return new Outcome.NotFound();
        }
        Account account = found.get();
        if (account.id().equals(administrator.accountId())) {
            return new Outcome.Refused("An administrator cannot delete their own account.");
        }
        if (AccountReferences.isClientServiceAccount(clients, account)) {
            return new Outcome.Refused("This is an OAuth client's service account; disable the client instead.");
        }
        Instant now = clock.instant();
        lifecycle.inTransaction(() -> {
            lifecycle.revokeAll(new LoadTokenPort.Selection.OwnedBy(account.id()), now,
                    RevocationReason.ACCOUNT_DISABLED, actor);
            sessions.endAllOf(account.id());
            audit.record(AuditEvent.of(now, AuditEventType.ACCOUNT_DELETED, actor, Optional.of(account.id()),
                    Optional.empty(), "username=" + account.username().value()));
            deletions.delete(account.id());
            return null;
        });
        return new Outcome.Deleted(account);
    }
}
