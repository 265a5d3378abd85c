package dev.latchkey.application.service;

import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.IssueTokenUseCase;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.IssuancePolicy;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.Password;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.TokenDescription;
import dev.latchkey.domain.Username;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The whole application ring over in-memory ports, as a test sees it. */
final class ServiceFixture {

    static final Instant START = Instant.parse("2026-05-01T12:00:00Z");
    static final IssuancePolicy POLICY =
            new IssuancePolicy(Lifetime.of(Duration.ofDays(30)), Duration.ofDays(365), true);

    final InMemoryTokenStore tokens = new InMemoryTokenStore();
    final InMemoryAccountStore accounts = new InMemoryAccountStore();
    final Fakes.PlainPasswordHasher hasher = new Fakes.PlainPasswordHasher();
    final Fakes.RecordingEvents events = new Fakes.RecordingEvents();
    final Fakes.SettableClock clock = new Fakes.SettableClock(START);
    final Fakes.SeededRandomness randomness = new Fakes.SeededRandomness();
    final InMemoryClientStore clients = new InMemoryClientStore();
    final Fakes.DirectTransactions transactions = new Fakes.DirectTransactions();
    final InMemoryRotationLedger rotations = new InMemoryRotationLedger();
    final InMemoryPartnerStore partners = new InMemoryPartnerStore();
    final LatchkeyServices services = new LatchkeyServices(new LatchkeyServices.Ports(tokens, tokens, tokens,
            accounts, accounts, accounts, partners, partners, clients, clients, transactions, rotations, new Fakes.KeyedDerivation(),
            new Fakes.MarkedJwts(), hasher, randomness, events, clock));

    Account account(String username, String password) {
        return account(username, password, Role.USER);
    }

    Account account(String username, String password, Role role) {
        Account account = Account.create(AccountId.fromRandomBytes(randomness.nextBytes(16)), Username.of(username),
                hasher.hash(Password.presented(password)), role, START);
        accounts.saveNew(account);
        return account;
    }

    static Caller byPassword(Account account) {
        return Caller.byPassword(account.id(), account.username(), account.role());
    }

    IssueTokenUseCase.Outcome.Issued issue(Caller caller, Optional<Lifetime> lifetime, Scopes scopes) {
        return (IssueTokenUseCase.Outcome.Issued) services.issueToken(POLICY).issue(
                new IssueTokenUseCase.IssueTokenCommand(caller, TokenDescription.of("test"),
                        scopes, lifetime));
    }

    Caller byToken(IssueTokenUseCase.Outcome.Issued issued) {
        AuthenticateUseCase.Outcome outcome = services.authenticate()
                .authenticate(new AuthenticateUseCase.PresentedToken(issued.credential()));
        return ((AuthenticateUseCase.Outcome.Authenticated) outcome).caller();
    }
}
