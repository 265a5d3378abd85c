package dev.latchkey.application.service;

import dev.latchkey.application.port.in.ChangeAccountUseCase;
import dev.latchkey.application.port.in.ChangeAccountUseCase.AccountEdit;
import dev.latchkey.application.port.out.LoadAccountPort;
import dev.latchkey.application.port.out.LoadClientPort;
import dev.latchkey.application.port.out.LoadPartnerPort;
import dev.latchkey.application.port.out.LoadTokenPort;
import dev.latchkey.application.port.out.PasswordHasherPort;
import dev.latchkey.application.port.out.RecordAuditEventPort;
import dev.latchkey.application.port.out.SignInSessionPort;
import dev.latchkey.application.port.out.UpdateAccountPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.AccountChange;
import dev.latchkey.domain.AccountUpdate;
import dev.latchkey.domain.Actor;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.PartnerId;
import dev.latchkey.domain.RevocationReason;
import dev.latchkey.domain.Role;
import java.time.Clock;
import java.util.Optional;

/**
 * Applies an administrator's edits to an account as the account's own transitions, and acts on what they changed: a
 * disabled account's tokens are revoked for good, a reset password ends its sessions, a withdrawn scope takes the
 * tokens that carry it. Administrators only.
 */
final class ChangeAccountService implements ChangeAccountUseCase {

    private final LoadAccountPort accounts;
    private final UpdateAccountPort updateAccounts;
    private final LoadPartnerPort partners;
    private final LoadClientPort clients;
    private final PasswordHasherPort hasher;
    private final SignInSessionPort sessions;
    private final TokenLifecycle lifecycle;
    private final RecordAuditEventPort audit;
    private final Clock clock;

    ChangeAccountService(LoadAccountPort accounts, UpdateAccountPort updateAccounts, LoadPartnerPort partners,
                         LoadClientPort clients, PasswordHasherPort hasher, SignInSessionPort sessions,
                         TokenLifecycle lifecycle, RecordAuditEventPort audit, Clock clock) {
        this.accounts = accounts;
        this.updateAccounts = updateAccounts;
        this.partners = partners;
        this.clients = clients;
        this.hasher = hasher;
        this.sessions = sessions;
        this.lifecycle = lifecycle;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Outcome change(ChangeAccountCommand command) {
        Actor actor = command.administrator().requireAdministrator().actor();
        Optional<Account> found = accounts.loadByUsername(command.username());
        if (found.isEmpty()) {
            return new Outcome.NotFound();
        }
        Account account = found.get();
        if (AccountReferences.isClientServiceAccount(clients, account)) {
            return new Outcome.Refused("This is an OAuth client's service account; change the client instead.");
        }
        for (AccountEdit edit : command.edits()) {
            if (edit instanceof AccountEdit.SetPartner partner) {
                Optional<PartnerId> unknown = AccountReferences.unknownPartner(partners, partner.partner());
                if (unknown.isPresent()) {
                    return new Outcome.UnknownPartner(unknown.get());
                }
            }
        }
        AccountUpdate done = AccountUpdate.of(account);
        for (AccountEdit edit : command.edits()) {
            done = done.then(current -> apply(current, edit));
        }
        Account updated = done.account();
        boolean removesAnAdministrator = removesAnAdministrator(account, updated);
        boolean disabled = done.has(AccountChange.Disabled.class);
        boolean revokesTokens = disabled || command.revokeTokens();
        boolean endsSessions = revokesTokens || done.has(AccountChange.PasswordReset.class);
        boolean withdrawsScopes = done.withdrawsScopes();
        String detail = (done.auditDetail() + (command.revokeTokens() ? " tokens=revoked" : "")).strip();
        return lifecycle.inTransaction(() -> {
            // Counted under lock, in the change's transaction: two administrators demoting each other at once are
            // made one after the other, and the second is refused.
            if (removesAnAdministrator && updateAccounts.lockEnabledAdministrators() <= 1) {
                return new Outcome.Refused("The last enabled administrator cannot be disabled or demoted; make "
                        + "another administrator first.");
            }
            updateAccounts.update(updated);
            if (endsSessions) {
                sessions.endAllOf(updated.id());
            }
            audit.record(AuditEvent.of(clock.instant(), AuditEventType.ACCOUNT_CHANGED, actor,
                    Optional.of(updated.id()), Optional.empty(), detail.isEmpty() ? "unchanged" : detail));
            if (revokesTokens) {
                // Permanently: enabling the account again must not bring back tokens that may have leaked meanwhile.
                lifecycle.revokeAll(new LoadTokenPort.Selection.OwnedBy(updated.id()), clock.instant(),
                        !updated.enabled() ? RevocationReason.ACCOUNT_DISABLED : RevocationReason.REQUESTED, actor);
            } else if (withdrawsScopes) {
                // A scope the account lost (introspect after a demotion, a partner's after leaving it) is gone for
                // good: its tokens would otherwise come back to life with a promotion.
                lifecycle.revokeAll(new LoadTokenPort.Selection.OwnedBy(updated.id()),
                        token -> !updated.mayHold(token.scopes()), clock.instant(),
                        RevocationReason.SCOPE_WITHDRAWN, actor);
            }
            return new Outcome.Changed(updated);
        });
    }

    private AccountUpdate apply(Account current, AccountEdit edit) {
        if (edit instanceof AccountEdit.ResetPassword reset) {
            return current.resetPassword(hasher.hash(reset.password()));
        }
        if (edit instanceof AccountEdit.ChangeRole role) {
            return current.changeRole(role.role());
        }
        if (edit instanceof AccountEdit.SetEnabled enabled) {
            return enabled.enabled() ? current.enable() : current.disable();
        }
        if (edit instanceof AccountEdit.SetEmail email) {
            return current.changeProfile(email.email(), current.organization(), current.partner());
        }
        if (edit instanceof AccountEdit.SetOrganization organization) {
            return current.changeProfile(current.email(), organization.organization(), current.partner());
        }
        AccountEdit.SetPartner partner = (AccountEdit.SetPartner) edit;
        return current.changeProfile(current.email(), current.organization(), partner.partner());
    }

    /** Whether the change takes an enabled administrator away, by disabling or demoting them. */
    private static boolean removesAnAdministrator(Account before, Account after) {
        return before.enabled() && before.role() == Role.ADMIN && !(after.enabled() && after.role() == Role.ADMIN);
    }

}
