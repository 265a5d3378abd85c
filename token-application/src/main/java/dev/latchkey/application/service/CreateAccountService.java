package dev.latchkey.application.service;

import dev.latchkey.application.port.in.CreateAccountUseCase;
import dev.latchkey.application.port.out.LoadPartnerPort;
import dev.latchkey.application.port.out.PasswordHasherPort;
import dev.latchkey.application.port.out.RandomnessPort;
import dev.latchkey.application.port.out.RecordAuditEventPort;
import dev.latchkey.application.port.out.SaveAccountPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.Actor;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.PartnerId;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.Username;
import java.time.Clock;
import java.util.Optional;

/** Creates an account, with its audit entry; administrators only. */
final class CreateAccountService implements CreateAccountUseCase {

    private final SaveAccountPort saveAccounts;
    private final LoadPartnerPort partners;
    private final PasswordHasherPort hasher;
    private final RandomnessPort randomness;
    private final TokenLifecycle lifecycle;
    private final RecordAuditEventPort audit;
    private final Clock clock;

    CreateAccountService(SaveAccountPort saveAccounts, LoadPartnerPort partners, PasswordHasherPort hasher,
                         RandomnessPort randomness, TokenLifecycle lifecycle, RecordAuditEventPort audit,
                         Clock clock) {
        this.saveAccounts = saveAccounts;
        this.partners = partners;
        this.hasher = hasher;
        this.randomness = randomness;
        this.lifecycle = lifecycle;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Outcome create(CreateAccountCommand command) {
        Actor actor = command.administrator().requireAdministrator().actor();
        Optional<PartnerId> unknown = AccountReferences.unknownPartner(partners, command.partner());
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
            audit.record(AuditEvent.of(account.createdAt(), AuditEventType.ACCOUNT_CREATED, actor,
                    Optional.of(account.id()), Optional.empty(),
                    "username=" + account.username().value() + " role=" + account.role()));
            return new Outcome.Created(account);
        });
    }
}
