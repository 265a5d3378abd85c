package dev.latchkey.application.service;

import dev.latchkey.application.port.out.IssuanceLimitPort;
import dev.latchkey.domain.TokenSecretFormat;

import dev.latchkey.application.port.in.AdministerClientsUseCase;
import dev.latchkey.application.port.in.AdministerPartnersUseCase;
import dev.latchkey.application.port.in.AuthenticateClientUseCase;
import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.application.port.in.AuthorizeUseCase;
import dev.latchkey.application.port.in.AuthorizedApplicationsUseCase;
import dev.latchkey.application.port.in.BootstrapAdministratorUseCase;
import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.ChangeAccountUseCase;
import dev.latchkey.application.port.in.CreateAccountUseCase;
import dev.latchkey.application.port.in.DeleteAccountUseCase;
import dev.latchkey.application.port.in.DeviceAuthorizationUseCase;
import dev.latchkey.application.port.in.GrantTokensUseCase;
import dev.latchkey.application.port.in.InspectTokenUseCase;
import dev.latchkey.application.port.in.IntrospectTokenUseCase;
import dev.latchkey.application.port.in.IssuePartnerTokenUseCase;
import dev.latchkey.application.port.in.IssueTokenUseCase;
import dev.latchkey.application.port.in.LeakedTokensUseCase;
import dev.latchkey.application.port.in.ListTokensUseCase;
import dev.latchkey.application.port.in.ManagePoliciesUseCase;
import dev.latchkey.application.port.in.PushAuthorizationRequestUseCase;
import dev.latchkey.application.port.in.ReadAccountsUseCase;
import dev.latchkey.application.port.in.ReadAuditTrailUseCase;
import dev.latchkey.application.port.in.RegisterClientUseCase;
import dev.latchkey.application.port.in.RevokeAccountTokensUseCase;
import dev.latchkey.application.port.in.RevokeTokenUseCase;
import dev.latchkey.application.port.in.RotateClientSecretUseCase;
import dev.latchkey.application.port.in.RotateTokenUseCase;
import dev.latchkey.application.port.in.SignInSessionsUseCase;
import dev.latchkey.application.port.in.SingleUseProofsUseCase;
import dev.latchkey.application.port.in.UnlockAccountUseCase;
import dev.latchkey.application.port.out.ReportLimitPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.ClientSecret;
import dev.latchkey.domain.ClientType;
import dev.latchkey.domain.GrantPolicy;
import dev.latchkey.domain.GrantType;
import dev.latchkey.domain.IssuancePolicy;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.OAuthClient;
import dev.latchkey.domain.Password;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.SessionTimeouts;
import dev.latchkey.domain.TokenDescription;
import dev.latchkey.domain.Username;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
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
    final InMemoryAuthorizations authorizations = new InMemoryAuthorizations();
    final Fakes.SeededRandomness randomness = new Fakes.SeededRandomness();
    final InMemoryClientStore clients = new InMemoryClientStore();
    /** Three public leak reports per address, then a refusal for an hour: the limit is seen without a clock. */
    final ReportLimitPort reportLimits = new ReportLimitPort() {
        private final java.util.Map<String, Integer> counts = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public Admission admit(String address) {
            return counts.merge(address, 1, Integer::sum) <= 3 ? new Admission.Admitted()
                    : new Admission.Refused(java.time.Duration.ofHours(1));
        }
    };
    final InMemoryLeakNotices leakNotices = new InMemoryLeakNotices();
    final InMemoryWebhooks webhooks = new InMemoryWebhooks();
    final InMemoryNotices notices = new InMemoryNotices(tokens);
    /** Proofs used so far, by key: the store's unique key, in memory. */
    final java.util.Set<String> usedProofs = java.util.concurrent.ConcurrentHashMap.newKeySet();
    final dev.latchkey.application.port.out.ProofReplayPort proofReplay = use -> usedProofs.add(use.key());
    final Fakes.DirectTransactions transactions = new Fakes.DirectTransactions();
    final InMemoryRotationLedger rotations = new InMemoryRotationLedger();
    final InMemoryPartnerStore partners = new InMemoryPartnerStore();
    final InMemoryPolicyStore policies = new InMemoryPolicyStore();
    final InMemoryLoginLimits loginLimits;
    final Fakes.RecordingLoginAudit loginAudit = new Fakes.RecordingLoginAudit();
    final InMemorySignInSessions signInSessions = new InMemorySignInSessions();
    final Services services;

    ServiceFixture() {
        this(10, 1000);
    }

    /** With the given allowances of failed logins per username and per address. */
    ServiceFixture(int failuresPerUsername, int failuresPerAddress) {
        loginLimits = new InMemoryLoginLimits(failuresPerUsername, failuresPerAddress);
        services = new Services();
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

    /**
     * A confidential client of the kind registered before the authorization code grant: a gateway that collects
     * passwords, refreshes and exchanges, which now has to ask for those grants by name.
     */
    static OAuthClient passwordGateway(String id) {
        return new OAuthClient(ClientId.of(id), id, ClientType.CONFIDENTIAL,
                Optional.of(ClientSecret.fromRandomBytes(new byte[32]).hash()),
                EnumSet.of(GrantType.PASSWORD, GrantType.REFRESH_TOKEN, GrantType.TOKEN_EXCHANGE), Optional.empty(),
                true, Instant.EPOCH);
    }

    static Caller byPassword(Account account) {
        return Caller.byPassword(account.id(), account.username(), account.role());
    }

    IssueTokenUseCase.Outcome.Issued issue(Caller caller, Optional<Lifetime> lifetime, Scopes scopes) {
        return (IssueTokenUseCase.Outcome.Issued) services.issueToken(POLICY).issue(
                new IssueTokenUseCase.IssueTokenCommand(caller, TokenDescription.of("test"),
                        scopes, lifetime));
    }

    /** Each use case wired as the application wires it ({@link LatchkeyServices.Core}), over this fixture's fakes. */
    final class Services {

        final LatchkeyServices.TokenStore store = new LatchkeyServices.TokenStore(tokens, tokens, tokens, transactions,
                events);
        final Fakes.MarkedJwts jwts = new Fakes.MarkedJwts();
        final Fakes.KeyedDerivation derivation = new Fakes.KeyedDerivation();
        final LatchkeyServices.Ports ports = portsOver(store);
        private final LatchkeyServices.Core core = new LatchkeyServices.Core(ports, POLICY);

        private LatchkeyServices.Ports portsOver(LatchkeyServices.TokenStore tokenStore) {
            return new LatchkeyServices.Ports(tokenStore, accounts, accounts, accounts,
                    account -> {
                        tokens.deleteOwnedBy(account);
                        accounts.delete(account);
                    }, partners, partners, clients, clients, policies, policies, events, signInSessions,
                    new LatchkeyServices.Authorizations(authorizations, authorizations, authorizations,
                            authorizations),
                    rotations, derivation, jwts, hasher, randomness, loginLimits,
                    new LatchkeyServices.Leaks(reportLimits, leakNotices),
                    new LatchkeyServices.Webhooks(webhooks, webhooks, webhooks, webhooks, "test-node"),
                    new LatchkeyServices.Notices(notices, notices), proofReplay, loginAudit, clock);
        }

        /** The whole core under another configured issuance policy. */
        LatchkeyServices.Core core(IssuancePolicy policy) {
            return policy.equals(POLICY) ? core : new LatchkeyServices.Core(ports, policy);
        }

        /** The whole core over the same store, after the installation changed how its token secrets look. */
        LatchkeyServices.Core core(TokenSecretFormat secrets) {
            return new LatchkeyServices.Core(portsOver(new LatchkeyServices.TokenStore(tokens, tokens, tokens,
                    transactions, events, IssuanceLimitPort.UNLIMITED, secrets)), POLICY);
        }

        AuthenticateUseCase authenticate() {
            return core.authenticate();
        }

        AuthenticateClientUseCase authenticateClient() {
            return core.authenticateClient();
        }

        SingleUseProofsUseCase singleUseProofs() {
            return core.singleUseProofs();
        }

        RegisterClientUseCase registerClient() {
            return core.registerClient();
        }

        AdministerClientsUseCase administerClients() {
            return core.administerClients();
        }

        RotateClientSecretUseCase rotateClientSecret() {
            return core.rotateClientSecret();
        }

        AuthorizeUseCase authorize() {
            return core.authorize();
        }

        DeviceAuthorizationUseCase deviceAuthorization() {
            return core.deviceAuthorization();
        }

        PushAuthorizationRequestUseCase pushAuthorizationRequest() {
            return core.pushAuthorizationRequest();
        }

        AuthorizedApplicationsUseCase authorizedApplications() {
            return core.authorizedApplications();
        }

        dev.latchkey.application.port.in.AdministerWebhooksUseCase administerWebhooks() {
            return core.administerWebhooks();
        }

        dev.latchkey.application.port.in.DeliverWebhooksUseCase deliverWebhooks() {
            return core.deliverWebhooks();
        }

        dev.latchkey.application.port.in.AnnounceExpiriesUseCase announceExpiries(
                dev.latchkey.domain.ExpiryNotices warnings) {
            return core.announceExpiries(warnings);
        }

        dev.latchkey.application.port.in.DeliverMailUseCase deliverMail() {
            return core.deliverMail(notices);
        }

        dev.latchkey.application.port.in.OwnAccountUseCase ownAccount() {
            return core.ownAccount();
        }

        LeakedTokensUseCase leakedTokens() {
            return core.leakedTokens();
        }

        IssueTokenUseCase issueToken(IssuancePolicy policy) {
            return core(policy).issueToken();
        }

        RotateTokenUseCase rotateToken(IssuancePolicy policy) {
            return core(policy).rotateToken();
        }

        GrantTokensUseCase grantTokens(GrantPolicy policy) {
            return core.grantTokens(policy);
        }

        IntrospectTokenUseCase introspectToken() {
            return core.introspectToken();
        }

        InspectTokenUseCase inspectToken() {
            return core.inspectToken();
        }

        ListTokensUseCase listTokens() {
            return core.listTokens();
        }

        RevokeTokenUseCase revokeToken() {
            return core.revokeToken();
        }

        IssuePartnerTokenUseCase issuePartnerToken(IssuancePolicy policy) {
            return core(policy).issuePartnerToken();
        }

        CreateAccountUseCase createAccount() {
            return core.createAccount();
        }

        ReadAccountsUseCase readAccounts() {
            return core.readAccounts();
        }

        ChangeAccountUseCase changeAccount() {
            return core.changeAccount();
        }

        UnlockAccountUseCase unlockAccount() {
            return core.unlockAccount();
        }

        DeleteAccountUseCase deleteAccount() {
            return core.deleteAccount();
        }

        RevokeAccountTokensUseCase revokeAccountTokens() {
            return core.revokeAccountTokens();
        }

        SignInSessionsUseCase signInSessions(SessionTimeouts timeouts) {
            return core.signInSessions(timeouts);
        }

        AdministerPartnersUseCase administerPartners() {
            return core.administerPartners();
        }

        ManagePoliciesUseCase managePolicies() {
            return core.managePolicies();
        }

        ReadAuditTrailUseCase readAuditTrail() {
            return core.readAuditTrail();
        }

        BootstrapAdministratorUseCase bootstrapAdministrator() {
            return core.bootstrapAdministrator();
        }
    }

    Caller byToken(IssueTokenUseCase.Outcome.Issued issued) {
        AuthenticateUseCase.Outcome outcome = services.authenticate()
                .authenticate(new AuthenticateUseCase.PresentedToken(issued.credential()));
        return ((AuthenticateUseCase.Outcome.Authenticated) outcome).caller();
    }
}
