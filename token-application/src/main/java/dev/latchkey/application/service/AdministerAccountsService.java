package dev.latchkey.application.service;

import dev.latchkey.application.port.out.LoadTokenPort;
import dev.latchkey.application.port.in.AdministerAccountsUseCase;
import dev.latchkey.application.port.in.Caller;
import dev.latchkey.domain.AccountChange.ProfileField;
import dev.latchkey.application.port.out.DeleteAccountPort;
import dev.latchkey.application.port.out.LoadAccountPort;
import dev.latchkey.application.port.out.LoadClientPort;
import dev.latchkey.application.port.out.LoadPartnerPort;
import dev.latchkey.application.port.out.LoginLimitPort;
import dev.latchkey.application.port.out.PasswordHasherPort;
import dev.latchkey.application.port.out.RandomnessPort;
import dev.latchkey.application.port.out.RecordAuditEventPort;
import dev.latchkey.application.port.out.SignInSessionPort;
import dev.latchkey.application.port.out.SaveAccountPort;
import dev.latchkey.application.port.out.UpdateAccountPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.AccountChange;
import dev.latchkey.domain.AccountUpdate;
import dev.latchkey.domain.PasswordHash;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.Actor;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.PartnerId;
import dev.latchkey.domain.RevocationReason;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenId;
import dev.latchkey.domain.Username;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

final class AdministerAccountsService implements AdministerAccountsUseCase {

    private final LoadAccountPort accounts;
    private final SaveAccountPort saveAccounts;
    private final UpdateAccountPort updateAccounts;
    private final LoadPartnerPort partners;
    private final PasswordHasherPort hasher;
    private final RandomnessPort randomness;
    private final LoginLimitPort loginLimits;
    private final TokenLifecycle lifecycle;
    private final RecordAuditEventPort audit;
    private final DeleteAccountPort deletions;
    private final LoadClientPort clients;
    private final LoadTokenPort tokens;
    private final SignInSessionPort sessions;
    private final Clock clock;

    AdministerAccountsService(LoadAccountPort accounts, SaveAccountPort saveAccounts, UpdateAccountPort updateAccounts,
                              LoadPartnerPort partners, PasswordHasherPort hasher, RandomnessPort randomness,
                              LoginLimitPort loginLimits, TokenLifecycle lifecycle, RecordAuditEventPort audit,
                              DeleteAccountPort deletions, LoadClientPort clients, LoadTokenPort tokens,
                              SignInSessionPort sessions, Clock clock) {
        this.accounts = accounts;
        this.loginLimits = loginLimits;
        this.saveAccounts = saveAccounts;
        this.updateAccounts = updateAccounts;
        this.partners = partners;
        this.hasher = hasher;
        this.randomness = randomness;
        this.lifecycle = lifecycle;
        this.audit = audit;
        this.deletions = deletions;
        this.clients = clients;
        this.tokens = tokens;
        this.sessions = sessions;
        this.clock = clock;
    }

    @Override
    public Outcome create(CreateAccountCommand command) {
        if (!command.administrator().isAdministrator()) {
            return new Outcome.NotAllowed();
        }
        Optional<PartnerId> unknown = unknownPartner(command.partner());
        if (unknown.isPresent()) {
            return new Outcome.UnknownPartner(unknown.get());
        }
        Account account = Account.create(AccountId.fromRandomBytes(randomness.nextBytes(16)), command.username(),
                hasher.hash(command.password()), command.role(), clock.instant())
                .withProfile(command.email(), command.organization(), command.partner());
        return lifecycle.inTransaction(() -> {
            if (saveAccounts.saveNew(account) != SaveAccountPort.SaveOutcome.SAVED) {
                return new Outcome.UsernameTaken();
            }
            audit.record(AuditEvent.of(account.createdAt(), AuditEventType.ACCOUNT_CREATED,
                    command.administrator().actor(), Optional.of(account.id()), Optional.empty(),
                    "username=" + account.username().value() + " role=" + account.role()));
            return new Outcome.Done(account);
        });
    }

    @Override
    public Outcome find(Caller administrator, Username username) {
        if (!administrator.isAdministrator()) {
            return new Outcome.NotAllowed();
        }
        return accounts.loadByUsername(username).<Outcome>map(Outcome.Done::new).orElseGet(Outcome.NotFound::new);
    }

    @Override
    public Outcome unlock(Caller administrator, Username username) {
        if (!administrator.isAdministrator()) {
            return new Outcome.NotAllowed();
        }
        Optional<Account> found = accounts.loadByUsername(username);
        found.ifPresent(account -> loginLimits.refill(AuthenticateService.usernameKey(account.username().value())));
        return found.<Outcome>map(Outcome.Done::new).orElseGet(Outcome.NotFound::new);
    }

    @Override
    public Outcome update(UpdateAccountCommand command) {
        if (!command.administrator().isAdministrator()) {
            return new Outcome.NotAllowed();
        }
        Optional<Account> found = accounts.loadByUsername(command.username());
        if (found.isEmpty()) {
            return new Outcome.NotFound();
        }
        Optional<PartnerId> unknown = unknownPartner(command.partner());
        if (unknown.isPresent()) {
            return new Outcome.UnknownPartner(unknown.get());
        }
        Account account = found.get();
        AccountUpdate update = AccountUpdate.of(account);
        if (command.password().isPresent()) {
            PasswordHash hash = hasher.hash(command.password().get());
            update = update.then(current -> current.resetPassword(hash));
        }
        if (command.role().isPresent()) {
            update = update.then(current -> current.changeRole(command.role().get()));
        }
        if (command.enabled().isPresent()) {
            update = update.then(current -> command.enabled().get() ? current.enable() : current.disable());
        }
        update = update.then(current -> current.changeProfile(
                kept(command, ProfileField.EMAIL, command.email().or(current::email)),
                kept(command, ProfileField.ORGANIZATION, command.organization().or(current::organization)),
                kept(command, ProfileField.PARTNER, command.partner().or(current::partner))));
        AccountUpdate done = update;
        Account updated = done.account();
        boolean disabled = done.has(AccountChange.Disabled.class);
        boolean revokesTokens = disabled || command.revokeTokens();
        boolean endsSessions = revokesTokens || done.has(AccountChange.PasswordReset.class);
        String detail = (done.auditDetail() + (command.revokeTokens() ? " tokens=revoked" : "")).strip();
        lifecycle.inTransaction(() -> {
            updateAccounts.update(updated);
            if (endsSessions) {
                sessions.endAllOf(updated.id());
            }
            audit.record(AuditEvent.of(clock.instant(), AuditEventType.ACCOUNT_CHANGED,
                    command.administrator().actor(), Optional.of(updated.id()), Optional.empty(),
                    detail.isEmpty() ? "unchanged" : detail));
            if (revokesTokens) {
                // Permanently: enabling the account again must not bring back tokens that may have leaked meanwhile.
                lifecycle.revokeAll(new LoadTokenPort.Selection.OwnedBy(updated.id()), clock.instant(),
                        !updated.enabled() ? RevocationReason.ACCOUNT_DISABLED
                                : RevocationReason.REQUESTED, command.administrator().actor());
            } else if (done.withdrawsScopes()) {
                // A scope the account lost (introspect after a demotion, a partner's after leaving it) is gone for
                // good: its tokens would otherwise come back to life with a promotion.
                lifecycle.revokeAll(new LoadTokenPort.Selection.OwnedBy(updated.id()),
                        token -> !updated.mayHold(token.scopes()), clock.instant(),
                        RevocationReason.SCOPE_WITHDRAWN, command.administrator().actor());
            }
            return null;
        });
        return new Outcome.Done(updated);
    }

    private static <T> Optional<T> kept(UpdateAccountCommand command, ProfileField field, Optional<T> value) {
        return command.cleared().contains(field) ? Optional.empty() : value;
    }

    @Override
    public Outcome list(ListAccountsQuery query) {
        if (!query.administrator().isAdministrator()) {
            return new Outcome.NotAllowed();
        }
        long offset = (long) query.page() * query.size();
        return new Outcome.Listed(accounts.loadMatching(query.filter(), offset, query.size()), query.page(),
                query.size(), accounts.countMatching(query.filter()));
    }

    @Override
    public Outcome delete(Caller administrator, Username username) {
        if (!administrator.isAdministrator()) {
            return new Outcome.NotAllowed();
        }
        Optional<Account> found = accounts.loadByUsername(username);
        if (found.isEmpty()) {
            return new Outcome.NotFound();
        }
        Account account = found.get();
        if (account.id().equals(administrator.accountId())) {
            return new Outcome.Refused("An administrator cannot delete their own account.");
        }
        if (clients.loadById(ClientId.of(account.id().toString())).isPresent()) {
            return new Outcome.Refused("This is an OAuth client's service account; disable the client instead.");
        }
        Instant now = clock.instant();
        Actor actor = administrator.actor();
        lifecycle.inTransaction(() -> {
            lifecycle.revokeAll(new LoadTokenPort.Selection.OwnedBy(account.id()), now,
                    RevocationReason.ACCOUNT_DISABLED, actor);
            sessions.endAllOf(account.id());
            audit.record(AuditEvent.of(now, AuditEventType.ACCOUNT_DELETED, actor, Optional.of(account.id()),
                    Optional.empty(), "username=" + account.username().value()));
            deletions.delete(account.id());
            return null;
        });
        return new Outcome.Done(account);
    }

    @Override
    public Outcome revokeTokens(Caller administrator, Username username) {
        if (!administrator.isAdministrator()) {
            return new Outcome.NotAllowed();
        }
        Optional<Account> found = accounts.loadByUsername(username);
        if (found.isEmpty()) {
            return new Outcome.NotFound();
        }
        int revoked = lifecycle.inTransaction(() -> {
            int count = lifecycle.revokeAll(new LoadTokenPort.Selection.OwnedBy(found.get().id()), clock.instant(),
                    RevocationReason.REQUESTED, administrator.actor());
            sessions.endAllOf(found.get().id());
            return count;
        });
        return new Outcome.TokensRevoked(found.get(), revoked);
    }

    @Override
    public Outcome revokeToken(Caller administrator, Username username, TokenId tokenId) {
        if (!administrator.isAdministrator()) {
            return new Outcome.NotAllowed();
        }
        Optional<Account> found = accounts.loadByUsername(username);
        if (found.isEmpty()) {
            return new Outcome.NotFound();
        }
        return revoke(administrator, tokens.loadById(tokenId).filter(token -> token.isOwnedBy(found.get().id())));
    }

    @Override
    public Outcome revokeToken(Caller administrator, TokenId tokenId) {
        if (!administrator.isAdministrator()) {
            return new Outcome.NotAllowed();
        }
        return revoke(administrator, tokens.loadById(tokenId));
    }

    private Outcome revoke(Caller administrator, Optional<Token> token) {
        Optional<Account> owner = token.flatMap(found -> accounts.loadById(found.owner()));
        if (owner.isEmpty()) {
            return new Outcome.TokenNotFound();
        }
        boolean revoked = lifecycle.revoke(token.get(), clock.instant(), RevocationReason.REQUESTED,
                administrator.actor());
        return new Outcome.TokensRevoked(owner.get(), revoked ? 1 : 0);
    }

    /** What an update changes, for the audit trail: field names and new values, never a password. */
    private Optional<PartnerId> unknownPartner(Optional<PartnerId> partner) {
        return partner.filter(id -> partners.loadById(id).isEmpty());
    }

}
