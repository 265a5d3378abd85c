package dev.latchkey.application.service;

import dev.latchkey.application.port.out.LoadTokenPort;
import dev.latchkey.application.port.in.AdministerAccountsUseCase;
import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.out.LoadAccountPort;
import dev.latchkey.application.port.out.LoadPartnerPort;
import dev.latchkey.application.port.out.LoginLimitPort;
import dev.latchkey.application.port.out.PasswordHasherPort;
import dev.latchkey.application.port.out.RandomnessPort;
import dev.latchkey.application.port.out.SaveAccountPort;
import dev.latchkey.application.port.out.UpdateAccountPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.PartnerId;
import dev.latchkey.domain.RevocationReason;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.Username;
import java.time.Clock;
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
    private final Clock clock;

    AdministerAccountsService(LoadAccountPort accounts, SaveAccountPort saveAccounts, UpdateAccountPort updateAccounts,
                              LoadPartnerPort partners, PasswordHasherPort hasher, RandomnessPort randomness,
                              LoginLimitPort loginLimits, TokenLifecycle lifecycle, Clock clock) {
        this.accounts = accounts;
        this.loginLimits = loginLimits;
        this.saveAccounts = saveAccounts;
        this.updateAccounts = updateAccounts;
        this.partners = partners;
        this.hasher = hasher;
        this.randomness = randomness;
        this.lifecycle = lifecycle;
        this.clock = clock;
    }

    @Override
    public Outcome create(CreateAccountCommand command) {
        if (!isAdministrator(command.administrator())) {
            return new Outcome.NotAllowed();
        }
        Optional<PartnerId> unknown = unknownPartner(command.partner());
        if (unknown.isPresent()) {
            return new Outcome.UnknownPartner(unknown.get());
        }
        Account account = Account.create(AccountId.fromRandomBytes(randomness.nextBytes(16)), command.username(),
                hasher.hash(command.password()), command.role(), clock.instant())
                .withProfile(command.email(), command.organization(), command.partner());
        return saveAccounts.saveNew(account) == SaveAccountPort.SaveOutcome.SAVED
                ? new Outcome.Done(account) : new Outcome.UsernameTaken();
    }

    @Override
    public Outcome find(Caller administrator, Username username) {
        if (!isAdministrator(administrator)) {
            return new Outcome.NotAllowed();
        }
        return accounts.loadByUsername(username).<Outcome>map(Outcome.Done::new).orElseGet(Outcome.NotFound::new);
    }

    @Override
    public Outcome unlock(Caller administrator, Username username) {
        if (!isAdministrator(administrator)) {
            return new Outcome.NotAllowed();
        }
        Optional<Account> found = accounts.loadByUsername(username);
        found.ifPresent(account -> loginLimits.refill(AuthenticateService.usernameKey(account.username().value())));
        return found.<Outcome>map(Outcome.Done::new).orElseGet(Outcome.NotFound::new);
    }

    @Override
    public Outcome update(UpdateAccountCommand command) {
        if (!isAdministrator(command.administrator())) {
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
        if (command.password().isPresent()) {
            account = account.withPasswordHash(hasher.hash(command.password().get()));
        }
        account = account.withRole(command.role().orElse(account.role()))
                .withEnabled(command.enabled().orElse(account.enabled()))
                .withProfile(command.email().or(account::email), command.organization().or(account::organization),
                        command.partner().or(account::partner));
        Account updated = account;
        boolean disabled = found.get().enabled() && !updated.enabled();
        lifecycle.together(() -> {
            updateAccounts.update(updated);
            if (disabled) {
                // Permanently: enabling the account again must not bring back tokens that may have leaked meanwhile.
                lifecycle.revokeAll(new LoadTokenPort.Selection.OwnedBy(updated.id()), clock.instant(),
                        RevocationReason.ACCOUNT_DISABLED);
            }
            return null;
        });
        return new Outcome.Done(updated);
    }

    private Optional<PartnerId> unknownPartner(Optional<PartnerId> partner) {
        return partner.filter(id -> partners.loadById(id).isEmpty());
    }

    private static boolean isAdministrator(Caller caller) {
        return caller.role() == Role.ADMIN;
    }
}
