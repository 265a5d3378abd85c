package dev.latchkey.application.service;

import dev.latchkey.application.port.in.AdministerAccountsUseCase;
import dev.latchkey.application.port.in.AdministerClientsUseCase;
import dev.latchkey.application.port.in.AdministerPartnersUseCase;
import dev.latchkey.application.port.in.AuthenticateClientUseCase;
import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.application.port.in.BootstrapAdministratorUseCase;
import dev.latchkey.application.port.in.GrantTokensUseCase;
import dev.latchkey.application.port.in.InspectTokenUseCase;
import dev.latchkey.application.port.in.IntrospectTokenUseCase;
import dev.latchkey.application.port.in.IssuePartnerTokenUseCase;
import dev.latchkey.application.port.in.ListTokensUseCase;
import dev.latchkey.application.port.in.ManagePoliciesUseCase;
import dev.latchkey.application.port.in.ReadAuditTrailUseCase;
import dev.latchkey.application.port.in.RegisterClientUseCase;
import dev.latchkey.application.port.in.RevokeTokenUseCase;
import dev.latchkey.application.port.in.RotateTokenUseCase;
import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.IssueTokenUseCase;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.GrantPolicy;
import dev.latchkey.domain.IssuancePolicy;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.SessionTimeouts;
import dev.latchkey.application.port.in.SignInSessionsUseCase;
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
    /** A documentation address (RFC 5737): the client every test's password logins come from. */
    static final String ADDRESS = "192.0.2.1";
    static final IssuancePolicy POLICY =
            new IssuancePolicy(Lifetime.of(Duration.ofDays(30)), Duration.ofDays(365), true);

    final InMemoryAccountStore accounts = new InMemoryAccountStore();
    final Fakes.PlainPasswordHasher hasher = new Fakes.PlainPasswordHasher();
    final Fakes.RecordingAuditTrail events = new Fakes.RecordingAuditTrail();
    final InMemoryTokenStore tokens = new InMemoryTokenStore(events);
    final Fakes.SettableClock clock = new Fakes.SettableClock(START);
    final Fakes.SeededRandomness randomness = new Fakes.SeededRandomness();
    final InMemoryClientStore clients = new InMemoryClientStore();
    final Fakes.DirectTransactions transactions = new Fakes.DirectTransactions();
    final InMemoryRotationLedger rotations = new InMemoryRotationLedger();
    final InMemoryPartnerStore partners = new InMemoryPartnerStore();
    final InMemoryPolicyStore policies = new InMemoryPolicyStore();
    final InMemoryLoginLimits loginLimits;
    final Fakes.RecordingLoginAudit loginAudit = new Fakes.RecordingLoginAudit();
    final InMemorySignInSessions signInSessions = new InMemorySignInSessions();
    final Services services = new Services();

    ServiceFixture() {
        this(10, 1000);
    }

    /** With the given allowances of failed logins per username and per address. */
    ServiceFixture(int failuresPerUsername, int failuresPerAddress) {
        loginLimits = new InMemoryLoginLimits(failuresPerUsername, failuresPerAddress);
    }

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

    /** Each use case wired as the application wires it, over this fixture's fakes. */
    final class Services {

        final LatchkeyServices.TokenStore store = new LatchkeyServices.TokenStore(tokens, tokens, tokens, transactions,
                events);
        final Fakes.MarkedJwts jwts = new Fakes.MarkedJwts();

        AuthenticateUseCase authenticate() {
            return LatchkeyServices.authenticate(store, accounts, partners, jwts, hasher, loginLimits, loginAudit, clock);
        }

        AuthenticateClientUseCase authenticateClient() {
            return LatchkeyServices.authenticateClient(clients);
        }

        RegisterClientUseCase registerClient() {
            return LatchkeyServices.registerClient(clients, accounts, hasher, transactions, events, randomness, clock);
        }

        AdministerClientsUseCase administerClients() {
            return LatchkeyServices.administerClients(store, clients, clients, accounts, accounts, clock);
        }

        IssueTokenUseCase issueToken(IssuancePolicy policy) {
            return LatchkeyServices.issueToken(policy, store, accounts, policies, randomness, jwts, clock);
        }

        RotateTokenUseCase rotateToken(IssuancePolicy policy) {
            return LatchkeyServices.rotateToken(policy, store, accounts, policies, rotations,
                    new Fakes.KeyedDerivation(), randomness, clock);
        }

        GrantTokensUseCase grantTokens(GrantPolicy policy) {
            return LatchkeyServices.grantTokens(policy, POLICY, store, authenticate(), accounts, partners, policies,
                    randomness, jwts, clock);
        }

        IntrospectTokenUseCase introspectToken() {
            return LatchkeyServices.introspectToken(store, accounts, partners, jwts, clock);
        }

        InspectTokenUseCase inspectToken() {
            return LatchkeyServices.inspectToken(tokens, accounts, partners, jwts, clock);
        }

        ListTokensUseCase listTokens() {
            return LatchkeyServices.listTokens(tokens, accounts, clock);
        }

        RevokeTokenUseCase revokeToken() {
            return LatchkeyServices.revokeToken(store, signInSessions, jwts, clock);
        }

        IssuePartnerTokenUseCase issuePartnerToken(IssuancePolicy policy) {
            return LatchkeyServices.issuePartnerToken(authenticate(), issueToken(policy), accounts, partners);
        }

        AdministerAccountsUseCase administerAccounts() {
            return LatchkeyServices.administerAccounts(store, accounts, accounts, accounts, account -> {
                tokens.deleteOwnedBy(account);
                accounts.delete(account);
            }, signInSessions, partners, clients, hasher, randomness, loginLimits, clock);
        }

        SignInSessionsUseCase signInSessions(SessionTimeouts timeouts) {
            return LatchkeyServices.signInSessions(signInSessions, authenticate(), randomness, timeouts, clock);
        }

        AdministerPartnersUseCase administerPartners() {
            return LatchkeyServices.administerPartners(partners, partners, transactions, events, clock);
        }

        ManagePoliciesUseCase managePolicies() {
            return LatchkeyServices.managePolicies(POLICY, store, accounts, policies, policies, clock);
        }

        ReadAuditTrailUseCase readAuditTrail() {
            return LatchkeyServices.readAuditTrail(events, accounts);
        }

        BootstrapAdministratorUseCase bootstrapAdministrator() {
            return LatchkeyServices.bootstrapAdministrator(accounts, accounts, hasher, randomness, clock);
        }
    }

    Caller byToken(IssueTokenUseCase.Outcome.Issued issued) {
        AuthenticateUseCase.Outcome outcome = services.authenticate()
                .authenticate(new AuthenticateUseCase.PresentedToken(issued.credential()));
        return ((AuthenticateUseCase.Outcome.Authenticated) outcome).caller();
    }
}
