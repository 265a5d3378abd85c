package dev.latchkey.application.service;

import dev.latchkey.application.port.in.AdministerClientsUseCase;
import dev.latchkey.application.port.in.AdministerPartnersUseCase;
import dev.latchkey.application.port.in.AdministerWebhooksUseCase;
import dev.latchkey.application.port.in.AnnounceExpiriesUseCase;
import dev.latchkey.application.port.in.AuthenticateClientUseCase;
import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.application.port.in.AuthorizeUseCase;
import dev.latchkey.application.port.in.AuthorizedApplicationsUseCase;
import dev.latchkey.application.port.in.BackUpStoreUseCase;
import dev.latchkey.application.port.in.BootstrapAdministratorUseCase;
import dev.latchkey.application.port.in.ChangeAccountUseCase;
import dev.latchkey.application.port.in.CreateAccountUseCase;
import dev.latchkey.application.port.in.DeleteAccountUseCase;
import dev.latchkey.application.port.in.DeliverMailUseCase;
import dev.latchkey.application.port.in.DeliverWebhooksUseCase;
import dev.latchkey.application.port.in.DeviceAuthorizationUseCase;
import dev.latchkey.application.port.in.GrantTokensUseCase;
import dev.latchkey.application.port.in.InspectTokenUseCase;
import dev.latchkey.application.port.in.IntrospectTokenUseCase;
import dev.latchkey.application.port.in.IssuePartnerTokenUseCase;
import dev.latchkey.application.port.in.IssueTokenUseCase;
import dev.latchkey.application.port.in.IssueTokenWithPasswordUseCase;
import dev.latchkey.application.port.in.LeakedTokensUseCase;
import dev.latchkey.application.port.in.ListTokensUseCase;
import dev.latchkey.application.port.in.MoveStoreUseCase;
import dev.latchkey.application.port.in.ManagePoliciesUseCase;
import dev.latchkey.application.port.in.OwnAccountUseCase;
import dev.latchkey.application.port.in.PushAuthorizationRequestUseCase;
import dev.latchkey.application.port.in.ReadAccountsUseCase;
import dev.latchkey.application.port.in.ReadAuditTrailUseCase;
import dev.latchkey.application.port.in.RegisterClientUseCase;
import dev.latchkey.application.port.in.RevokeAccountTokensUseCase;
import dev.latchkey.application.port.in.RevokeTokenUseCase;
import dev.latchkey.application.port.in.RotateClientSecretUseCase;
import dev.latchkey.application.port.in.RotateSigningKeyUseCase;
import dev.latchkey.application.port.in.RotateTokenUseCase;
import dev.latchkey.application.port.in.SignInSessionsUseCase;
import dev.latchkey.application.port.in.SingleUseProofsUseCase;
import dev.latchkey.application.port.in.UnlockAccountUseCase;
import dev.latchkey.application.port.out.AuthorizationCodePort;
import dev.latchkey.application.port.out.ConsentPort;
import dev.latchkey.application.port.out.DeleteAccountPort;
import dev.latchkey.application.port.out.DeviceAuthorizationPort;
import dev.latchkey.application.port.out.ExpiryScanPort;
import dev.latchkey.application.port.out.IssuanceLimitPort;
import dev.latchkey.application.port.out.JwtAccessTokenPort;
import dev.latchkey.application.port.out.LeakNoticePort;
import dev.latchkey.application.port.out.LoadAccountPort;
import dev.latchkey.application.port.out.LoadAuditEventsPort;
import dev.latchkey.application.port.out.LoadClientPort;
import dev.latchkey.application.port.out.LoadPartnerPort;
import dev.latchkey.application.port.out.LoadPolicyPort;
import dev.latchkey.application.port.out.LoadTokenPort;
import dev.latchkey.application.port.out.LoginAuditPort;
import dev.latchkey.application.port.out.LoginLimitPort;
import dev.latchkey.application.port.out.MailOutboxPort;
import dev.latchkey.application.port.out.MailSenderPort;
import dev.latchkey.application.port.out.PasswordHasherPort;
import dev.latchkey.application.port.out.ProofReplayPort;
import dev.latchkey.application.port.out.PushedRequestPort;
import dev.latchkey.application.port.out.RandomnessPort;
import dev.latchkey.application.port.out.RecordAuditEventPort;
import dev.latchkey.application.port.out.ReportLimitPort;
import dev.latchkey.application.port.out.RotationLedgerPort;
import dev.latchkey.application.port.out.SaveAccountPort;
import dev.latchkey.application.port.out.SaveClientPort;
import dev.latchkey.application.port.out.SavePartnerPort;
import dev.latchkey.application.port.out.SavePolicyPort;
import dev.latchkey.application.port.out.SaveTokenPort;
import dev.latchkey.application.port.out.SecretDerivationPort;
import dev.latchkey.application.port.out.SignInSessionPort;
import dev.latchkey.application.port.out.SigningKeyRingPort;
import dev.latchkey.application.port.out.StoreArchivePort;
import dev.latchkey.application.port.out.StoreBackupPort;
import dev.latchkey.application.port.out.TransactionPort;
import dev.latchkey.application.port.out.UpdateAccountPort;
import dev.latchkey.application.port.out.UpdateTokenStatePort;
import dev.latchkey.application.port.out.WebhookDeliveryPort;
import dev.latchkey.application.port.out.WebhookDestinationsPort;
import dev.latchkey.application.port.out.WebhookEndpointPort;
import dev.latchkey.application.port.out.WebhookSenderPort;
import dev.latchkey.domain.ExpiryNotices;
import dev.latchkey.domain.GrantPolicy;
import dev.latchkey.domain.IssuancePolicy;
import dev.latchkey.domain.Password;
import dev.latchkey.domain.PasswordHash;
import dev.latchkey.domain.SessionTimeouts;
import dev.latchkey.domain.TokenSecretFormat;
import java.time.Clock;
import java.util.Objects;

/**
 * The one public way to obtain the use cases: the services stay package-private. A host that wants a few use cases
 * calls one factory per use case, handing in exactly the ports that use case needs; a host that runs the whole
 * service builds the {@link Core} over all its {@link Ports}. Every use case that changes a token's state takes the
 * {@link TokenStore}, through which all such changes go.
 */
public final class LatchkeyServices {

    private LatchkeyServices() {
    }

    /**
     * The token store and the audit trail: what the token lifecycle writes through. One value, because every creation
     * and revocation needs all of it: the state to read and write, the transaction that makes several writes one,
     * the trail that records them, the allowance every new token is taken from, and how the secrets of its tokens
     * look (the prefix new ones carry, and every prefix the stored ones were issued with).
     */
    public record TokenStore(LoadTokenPort loads, SaveTokenPort saves, UpdateTokenStatePort state,
                             TransactionPort transactions, RecordAuditEventPort audit, IssuanceLimitPort limits,
                             TokenSecretFormat secrets) {
        public TokenStore {
            Objects.requireNonNull(loads, "loads");
            Objects.requireNonNull(saves, "saves");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(transactions, "transactions");
            Objects.requireNonNull(audit, "audit");
            Objects.requireNonNull(limits, "limits");
            Objects.requireNonNull(secrets, "secrets");
        }

        /** A store whose tokens carry Latchkey's own prefix. */
        public TokenStore(LoadTokenPort loads, SaveTokenPort saves, UpdateTokenStatePort state,
                          TransactionPort transactions, RecordAuditEventPort audit, IssuanceLimitPort limits) {
            this(loads, saves, state, transactions, audit, limits, TokenSecretFormat.STANDARD);
        }

        /** A store whose accounts may make tokens as fast as they like: for a host that bounds issuance itself. */
        public TokenStore(LoadTokenPort loads, SaveTokenPort saves, UpdateTokenStatePort state,
                          TransactionPort transactions, RecordAuditEventPort audit) {
            this(loads, saves, state, transactions, audit, IssuanceLimitPort.UNLIMITED, TokenSecretFormat.STANDARD);
        }
    }

    /**
     * Where people's authorizations wait while a browser or a device goes away and comes back: authorization codes,
     * consents, device requests and pushed requests.
     */
    public record Authorizations(AuthorizationCodePort codes, ConsentPort consents, DeviceAuthorizationPort devices,
                                 PushedRequestPort pushedRequests) {
        public Authorizations {
            Objects.requireNonNull(codes, "codes");
            Objects.requireNonNull(consents, "consents");
            Objects.requireNonNull(devices, "devices");
            Objects.requireNonNull(pushedRequests, "pushedRequests");
        }
    }

    /**
     * What leaked tokens need besides the token store: the allowance of public reports per address, and where the
     * owners' notices are kept.
     */
    public record Leaks(ReportLimitPort reportLimits, LeakNoticePort notices) {
        public Leaks {
            Objects.requireNonNull(reportLimits, "reportLimits");
            Objects.requireNonNull(notices, "notices");
        }
    }

    /**
     * What outbound events need: where endpoints and the outbox are kept, which destinations are allowed, what sends a
     * request, and the name this node claims endpoints under (unique among the nodes on one store).
     */
    public record Webhooks(WebhookEndpointPort endpoints, WebhookDeliveryPort deliveries,
                           WebhookDestinationsPort destinations, WebhookSenderPort sender, String node) {
        public Webhooks {
            Objects.requireNonNull(endpoints, "endpoints");
            Objects.requireNonNull(deliveries, "deliveries");
            Objects.requireNonNull(destinations, "destinations");
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(node, "node");
        }
    }

    /**
     * What owners' notices need: how far the expiry scan has come at each threshold, and the outbox of their mail.
     * The relay that sends the mail is the host's to configure, and given to {@link Core#deliverMail} when it is.
     */
    public record Notices(ExpiryScanPort expiryScan, MailOutboxPort mail) {
        public Notices {
            Objects.requireNonNull(expiryScan, "expiryScan");
            Objects.requireNonNull(mail, "mail");
        }
    }

    /**
     * Every outbound port the core drives, once: what a host that runs the whole service implements. A host that
     * wants a few use cases calls their factories instead, with only the ports those need.
     */
    public record Ports(TokenStore tokens, LoadAccountPort accounts, SaveAccountPort saveAccounts,
                        UpdateAccountPort updateAccounts, DeleteAccountPort deleteAccounts, LoadPartnerPort partners,
                        SavePartnerPort savePartners, LoadClientPort clients, SaveClientPort saveClients,
                        LoadPolicyPort policies, SavePolicyPort savePolicies, LoadAuditEventsPort auditEvents,
                        SignInSessionPort sessions, Authorizations authorizations, RotationLedgerPort rotations,
                        SecretDerivationPort derivation, JwtAccessTokenPort jwts, PasswordHasherPort hasher,
                        RandomnessPort randomness, LoginLimitPort loginLimits, Leaks leaks, Webhooks webhooks,
                        Notices notices, ProofReplayPort proofReplay, LoginAuditPort loginAudit, Clock clock) {
        public Ports {
            Objects.requireNonNull(tokens, "tokens");
            Objects.requireNonNull(accounts, "accounts");
            Objects.requireNonNull(saveAccounts, "saveAccounts");
            Objects.requireNonNull(updateAccounts, "updateAccounts");
            Objects.requireNonNull(deleteAccounts, "deleteAccounts");
            Objects.requireNonNull(partners, "partners");
            Objects.requireNonNull(savePartners, "savePartners");
            Objects.requireNonNull(clients, "clients");
            Objects.requireNonNull(saveClients, "saveClients");
            Objects.requireNonNull(policies, "policies");
            Objects.requireNonNull(savePolicies, "savePolicies");
            Objects.requireNonNull(auditEvents, "auditEvents");
            Objects.requireNonNull(sessions, "sessions");
            Objects.requireNonNull(authorizations, "authorizations");
            Objects.requireNonNull(rotations, "rotations");
            Objects.requireNonNull(derivation, "derivation");
            Objects.requireNonNull(jwts, "jwts");
            Objects.requireNonNull(hasher, "hasher");
            Objects.requireNonNull(randomness, "randomness");
            Objects.requireNonNull(loginLimits, "loginLimits");
            Objects.requireNonNull(leaks, "leaks");
            Objects.requireNonNull(webhooks, "webhooks");
            Objects.requireNonNull(notices, "notices");
            Objects.requireNonNull(proofReplay, "proofReplay");
            Objects.requireNonNull(proofReplay, "proofReplay");
            Objects.requireNonNull(loginAudit, "loginAudit");
            Objects.requireNonNull(clock, "clock");
        }
    }

    /**
     * Every use case of the whole service, each built once over one set of {@link Ports}, with the policy the host
     * configured: the one wiring list. The bootstrap exposes these as beans, and the use-case tests run them over
     * in-memory ports, so both run the service as it is wired here.
     */
    public static final class Core {

        private final Ports ports;
        private final IssuancePolicy issuance;
        private final AuthenticateUseCase authenticate;
        private final IssueTokenUseCase issueToken;

        public Core(Ports ports, IssuancePolicy issuance) {
            this.ports = Objects.requireNonNull(ports, "ports");
            this.issuance = Objects.requireNonNull(issuance, "issuance");
            this.authenticate = LatchkeyServices.authenticate(ports.tokens(), ports.accounts(), ports.partners(),
                    ports.jwts(), ports.hasher(), ports.loginLimits(), ports.loginAudit(), ports.proofReplay(),
                    ports.clock());
            this.issueToken = LatchkeyServices.issueToken(issuance, ports.tokens(), ports.accounts(),
                    ports.policies(), ports.randomness(), ports.jwts(), ports.clock());
        }

        /** The one authentication: its decoy hash is made once, and every use case that logs in shares it. */
        public AuthenticateUseCase authenticate() {
            return authenticate;
        }

        public IssueTokenUseCase issueToken() {
            return issueToken;
        }

        public AuthenticateClientUseCase authenticateClient() {
            return LatchkeyServices.authenticateClient(ports.clients(), ports.clock());
        }

        public RegisterClientUseCase registerClient() {
            return LatchkeyServices.registerClient(ports.saveClients(), ports.saveAccounts(), ports.hasher(),
                    ports.tokens().transactions(), ports.tokens().audit(), ports.randomness(), ports.clock());
        }

        public AdministerClientsUseCase administerClients() {
            return LatchkeyServices.administerClients(ports.tokens(), ports.clients(), ports.saveClients(),
                    ports.accounts(), ports.updateAccounts(), ports.clock());
        }

        public RotateClientSecretUseCase rotateClientSecret() {
            return LatchkeyServices.rotateClientSecret(ports.tokens(), ports.saveClients(), ports.randomness(),
                    ports.clock());
        }

        public RotateTokenUseCase rotateToken() {
            return LatchkeyServices.rotateToken(issuance, ports.tokens(), ports.accounts(), ports.policies(),
                    ports.rotations(), ports.derivation(), ports.randomness(), ports.clock());
        }

        public ManagePoliciesUseCase managePolicies() {
            return LatchkeyServices.managePolicies(issuance, ports.tokens(), ports.accounts(), ports.policies(),
                    ports.savePolicies(), ports.clock());
        }

        /** The grants of one surface: the standard endpoints' policy, or a dialect's. */
        public GrantTokensUseCase grantTokens(GrantPolicy policy) {
            return LatchkeyServices.grantTokens(policy, issuance, ports.tokens(), authenticate, ports.accounts(),
                    ports.partners(), ports.policies(), ports.authorizations(), ports.randomness(), ports.jwts(),
                    ports.clock());
        }

        public AuthorizeUseCase authorize() {
            return LatchkeyServices.authorize(ports.tokens(), ports.clients(), ports.accounts(),
                    ports.authorizations(), ports.randomness(), ports.clock());
        }

        public DeviceAuthorizationUseCase deviceAuthorization() {
            return LatchkeyServices.deviceAuthorization(ports.tokens(), ports.clients(), ports.accounts(),
                    ports.authorizations(), ports.loginLimits(), ports.randomness(), ports.clock());
        }

        public PushAuthorizationRequestUseCase pushAuthorizationRequest() {
            return LatchkeyServices.pushAuthorizationRequest(ports.authorizations(), ports.randomness(),
                    ports.clock());
        }

        public AuthorizedApplicationsUseCase authorizedApplications() {
            return LatchkeyServices.authorizedApplications(ports.tokens(), ports.clients(), ports.authorizations(),
                    ports.clock());
        }

        public LeakedTokensUseCase leakedTokens() {
            return LatchkeyServices.leakedTokens(ports.tokens(), ports.accounts(), ports.jwts(), ports.leaks(),
                    ports.clock());
        }

        public AdministerWebhooksUseCase administerWebhooks() {
            return LatchkeyServices.administerWebhooks(ports.webhooks(), ports.tokens(), ports.randomness(),
                    ports.clock());
        }

        public DeliverWebhooksUseCase deliverWebhooks() {
            return LatchkeyServices.deliverWebhooks(ports.webhooks(), ports.tokens(), ports.randomness(),
                    ports.clock());
        }

        /** The expiry scan, warning at these thresholds. */
        public AnnounceExpiriesUseCase announceExpiries(ExpiryNotices warnings) {
            return LatchkeyServices.announceExpiries(warnings, ports.notices(), ports.tokens(), ports.clock());
        }

        /** The owners' mail, sent through the relay the host configured. */
        public DeliverMailUseCase deliverMail(MailSenderPort relay) {
            return LatchkeyServices.deliverMail(ports.webhooks().node(), ports.notices(), relay, ports.accounts(),
                    ports.tokens(), ports.randomness(), ports.clock());
        }

        public SingleUseProofsUseCase singleUseProofs() {
            return new SingleUseProofsService(ports.proofReplay());
        }

        public OwnAccountUseCase ownAccount() {
            return LatchkeyServices.ownAccount(ports.accounts(), ports.updateAccounts(), ports.tokens(),
                    ports.clock());
        }

        public IntrospectTokenUseCase introspectToken() {
            return LatchkeyServices.introspectToken(ports.tokens(), ports.accounts(), ports.partners(), ports.jwts(),
                    ports.clock());
        }

        public InspectTokenUseCase inspectToken() {
            return LatchkeyServices.inspectToken(ports.tokens(), ports.accounts(), ports.partners(),
                    ports.jwts(), ports.clock());
        }

        public ListTokensUseCase listTokens() {
            return LatchkeyServices.listTokens(ports.tokens().loads(), ports.accounts(), ports.clock());
        }

        public RevokeTokenUseCase revokeToken() {
            return LatchkeyServices.revokeToken(ports.tokens(), ports.sessions(), ports.jwts(), ports.clock());
        }

        public SignInSessionsUseCase signInSessions(SessionTimeouts timeouts) {
            return LatchkeyServices.signInSessions(ports.sessions(), authenticate, ports.randomness(), timeouts,
                    ports.clock());
        }

        public IssuePartnerTokenUseCase issuePartnerToken() {
            return LatchkeyServices.issuePartnerToken(authenticate, issueToken, ports.accounts(), ports.partners());
        }

        public IssueTokenWithPasswordUseCase issueTokenWithPassword() {
            return LatchkeyServices.issueTokenWithPassword(authenticate, issueToken);
        }

        public CreateAccountUseCase createAccount() {
            return LatchkeyServices.createAccount(ports.tokens(), ports.saveAccounts(), ports.partners(),
                    ports.hasher(), ports.randomness(), ports.clock());
        }

        public ReadAccountsUseCase readAccounts() {
            return LatchkeyServices.readAccounts(ports.accounts());
        }

        public ChangeAccountUseCase changeAccount() {
            return LatchkeyServices.changeAccount(ports.tokens(), ports.accounts(), ports.updateAccounts(),
                    ports.partners(), ports.clients(), ports.hasher(), ports.sessions(), ports.clock());
        }

        public UnlockAccountUseCase unlockAccount() {
            return LatchkeyServices.unlockAccount(ports.accounts(), ports.loginLimits());
        }

        public DeleteAccountUseCase deleteAccount() {
            return LatchkeyServices.deleteAccount(ports.tokens(), ports.accounts(), ports.clients(),
                    ports.deleteAccounts(), ports.sessions(), ports.clock());
        }

        public RevokeAccountTokensUseCase revokeAccountTokens() {
            return LatchkeyServices.revokeAccountTokens(ports.tokens(), ports.accounts(), ports.sessions(),
                    ports.clock());
        }

        public AdministerPartnersUseCase administerPartners() {
            return LatchkeyServices.administerPartners(ports.partners(), ports.savePartners(),
                    ports.tokens().transactions(), ports.tokens().audit(), ports.clock());
        }

        public BootstrapAdministratorUseCase bootstrapAdministrator() {
            return LatchkeyServices.bootstrapAdministrator(ports.accounts(), ports.saveAccounts(), ports.hasher(),
                    ports.randomness(), ports.clock());
        }

        public ReadAuditTrailUseCase readAuditTrail() {
            return LatchkeyServices.readAuditTrail(ports.auditEvents(), ports.accounts());
        }

        /** Signing-key rotation, for a host that signs JWTs: the key ring is not one of every host's ports. */
        public RotateSigningKeyUseCase rotateSigningKey(SigningKeyRingPort keys) {
            return LatchkeyServices.rotateSigningKey(keys, ports.tokens().audit(), ports.clock());
        }
    }

    /**
     * Checks passwords and presented tokens. An unknown username is checked against the hasher's decoy, made here
     * once, so that it costs the same hashing as a known one from the first login on.
     */
    public static AuthenticateUseCase authenticate(TokenStore store, LoadAccountPort accounts, LoadPartnerPort partners,
                                                   JwtAccessTokenPort jwts, PasswordHasherPort hasher,
                                                   LoginLimitPort loginLimits, LoginAuditPort loginAudit,
                                                   ProofReplayPort proofs, Clock clock) {
        PasswordHash decoyHash = hasher.decoy();
        return new AuthenticateService(accounts, new TokenValidity(accounts, partners),
                PresentedCredentials.of(store, jwts), new TokenLifecycle(store), hasher, loginLimits,
                loginAudit, store.audit(), proofs, clock, decoyHash);
    }

    public static AuthenticateClientUseCase authenticateClient(LoadClientPort clients, Clock clock) {
        return new AuthenticateClientService(clients, clock);
    }

    public static RotateClientSecretUseCase rotateClientSecret(TokenStore store, SaveClientPort clients,
                                                               RandomnessPort randomness, Clock clock) {
        return new RotateClientSecretService(clients, new TokenLifecycle(store), store.audit(), randomness, clock);
    }

    public static RegisterClientUseCase registerClient(SaveClientPort clients, SaveAccountPort accounts,
                                                       PasswordHasherPort hasher, TransactionPort transactions,
                                                       RecordAuditEventPort audit, RandomnessPort randomness,
                                                       Clock clock) {
        return new RegisterClientService(clients, accounts, hasher, transactions, randomness, audit, clock);
    }

    public static AdministerClientsUseCase administerClients(TokenStore store, LoadClientPort clients,
                                                             SaveClientPort saveClients, LoadAccountPort accounts,
                                                             UpdateAccountPort updateAccounts, Clock clock) {
        return new AdministerClientsService(clients, saveClients, accounts, updateAccounts, store.loads(),
                new TokenLifecycle(store), store.audit(), listTokensService(store.loads(), accounts, clock), clock);
    }

    public static IssueTokenUseCase issueToken(IssuancePolicy configured, TokenStore store, LoadAccountPort accounts,
                                               LoadPolicyPort policies, RandomnessPort randomness,
                                               JwtAccessTokenPort jwts, Clock clock) {
        return new IssueTokenService(new Policies(policies, configured), new TokenLifecycle(store), store.loads(),
                accounts, randomness, jwts, clock);
    }

    public static RotateTokenUseCase rotateToken(IssuancePolicy configured, TokenStore store, LoadAccountPort accounts,
                                                 LoadPolicyPort policies, RotationLedgerPort ledger,
                                                 SecretDerivationPort derivation, RandomnessPort randomness,
                                                 Clock clock) {
        return new RotateTokenService(new Policies(policies, configured), accounts, new TokenLifecycle(store),
                new TokenDetailsReader(store.loads(), clock), store.loads(), ledger, derivation, randomness, clock);
    }

    public static ManagePoliciesUseCase managePolicies(IssuancePolicy configured, TokenStore store,
                                                       LoadAccountPort accounts, LoadPolicyPort policies,
                                                       SavePolicyPort savePolicies, Clock clock) {
        return new ManagePoliciesService(new Policies(policies, configured), policies, savePolicies, accounts,
                store.loads(), store.audit(), store.transactions(), clock);
    }

    public static GrantTokensUseCase grantTokens(GrantPolicy policy, IssuancePolicy configured, TokenStore store,
                                                 AuthenticateUseCase authenticate, LoadAccountPort accounts,
                                                 LoadPartnerPort partners, LoadPolicyPort policies,
                                                 Authorizations authorizations, RandomnessPort randomness,
                                                 JwtAccessTokenPort jwts, Clock clock) {
        return new GrantTokensService(policy, new Policies(policies, configured), new TokenLifecycle(store),
                authenticate,
                PresentedCredentials.of(store, jwts), store.loads(), accounts, randomness, jwts,
                new TokenValidity(accounts, partners), authorizations.codes(), authorizations.devices(), clock);
    }

    public static AuthorizeUseCase authorize(TokenStore store, LoadClientPort clients, LoadAccountPort accounts,
                                             Authorizations authorizations, RandomnessPort randomness, Clock clock) {
        return new AuthorizeService(clients, accounts, authorizations.consents(), authorizations.codes(),
                authorizations.pushedRequests(), store.transactions(), store.audit(), randomness, clock);
    }

    public static DeviceAuthorizationUseCase deviceAuthorization(TokenStore store, LoadClientPort clients,
                                                                 LoadAccountPort accounts,
                                                                 Authorizations authorizations,
                                                                 LoginLimitPort loginLimits,
                                                                 RandomnessPort randomness, Clock clock) {
        return new DeviceAuthorizationService(authorizations.devices(), clients, accounts, loginLimits,
                store.transactions(), store.audit(), randomness, clock);
    }

    public static PushAuthorizationRequestUseCase pushAuthorizationRequest(Authorizations authorizations,
                                                                           RandomnessPort randomness, Clock clock) {
        return new PushAuthorizationRequestService(authorizations.pushedRequests(), randomness, clock);
    }

    public static AuthorizedApplicationsUseCase authorizedApplications(TokenStore store, LoadClientPort clients,
                                                                       Authorizations authorizations, Clock clock) {
        return new AuthorizedApplicationsService(authorizations.consents(), clients, store.loads(),
                new TokenLifecycle(store), store.audit(), clock);
    }

    public static LeakedTokensUseCase leakedTokens(TokenStore store, LoadAccountPort accounts,
                                                   JwtAccessTokenPort jwts, Leaks leaks, Clock clock) {
        return new LeakedTokensService(PresentedCredentials.of(store, jwts),
                new TokenDetailsReader(store.loads(), clock), new TokenLifecycle(store), accounts, store.audit(),
                leaks.reportLimits(), leaks.notices());
    }

    public static AdministerWebhooksUseCase administerWebhooks(Webhooks webhooks, TokenStore store,
                                                               RandomnessPort randomness, Clock clock) {
        return new AdministerWebhooksService(webhooks.endpoints(), webhooks.deliveries(), webhooks.destinations(),
                store.transactions(), store.audit(), randomness, clock);
    }

    public static DeliverWebhooksUseCase deliverWebhooks(Webhooks webhooks, TokenStore store, RandomnessPort randomness,
                                                         Clock clock) {
        return new DeliverWebhooksService(webhooks.node(), webhooks.deliveries(), webhooks.endpoints(),
                webhooks.sender(), store.loads(), store.transactions(), store.audit(), randomness, clock);
    }

    public static AnnounceExpiriesUseCase announceExpiries(ExpiryNotices warnings, Notices notices, TokenStore store,
                                                           Clock clock) {
        return new AnnounceExpiriesService(warnings, notices.expiryScan(), store.transactions(), store.audit(), clock);
    }

    public static DeliverMailUseCase deliverMail(String node, Notices notices, MailSenderPort relay,
                                                 LoadAccountPort accounts, TokenStore store,
                                                 RandomnessPort randomness, Clock clock) {
        return new DeliverMailService(node, notices.mail(), relay, accounts, store.loads(), randomness, clock);
    }

    public static OwnAccountUseCase ownAccount(LoadAccountPort accounts, UpdateAccountPort updates, TokenStore store,
                                               Clock clock) {
        return new OwnAccountService(accounts, updates, store.transactions(), store.audit(), clock);
    }

    public static IntrospectTokenUseCase introspectToken(TokenStore store, LoadAccountPort accounts,
                                                         LoadPartnerPort partners, JwtAccessTokenPort jwts,
                                                         Clock clock) {
        return new IntrospectTokenService(PresentedCredentials.of(store, jwts), store.loads(),
                new TokenValidity(accounts, partners), new TokenLifecycle(store), clock);
    }

    /** Inspection over the store's tokens, recognising secrets with each prefix the store's tokens were issued with. */
    public static InspectTokenUseCase inspectToken(TokenStore store, LoadAccountPort accounts,
                                                   LoadPartnerPort partners, JwtAccessTokenPort jwts, Clock clock) {
        return inspectToken(store.loads(), store.secrets(), accounts, partners, jwts, clock);
    }

    /** Inspection of tokens whose secrets carry Latchkey's own prefix: all a host needs that only reads tokens. */
    public static InspectTokenUseCase inspectToken(LoadTokenPort tokens, LoadAccountPort accounts,
                                                   LoadPartnerPort partners, JwtAccessTokenPort jwts, Clock clock) {
        return inspectToken(tokens, TokenSecretFormat.STANDARD, accounts, partners, jwts, clock);
    }

    private static InspectTokenUseCase inspectToken(LoadTokenPort tokens, TokenSecretFormat secrets,
                                                    LoadAccountPort accounts, LoadPartnerPort partners,
                                                    JwtAccessTokenPort jwts, Clock clock) {
        return new InspectTokenService(new TokenDetailsReader(tokens, clock),
                new PresentedCredentials(tokens, jwts, secrets), accounts, new TokenValidity(accounts, partners));
    }

    public static ListTokensUseCase listTokens(LoadTokenPort tokens, LoadAccountPort accounts, Clock clock) {
        return listTokensService(tokens, accounts, clock);
    }

    public static RevokeTokenUseCase revokeToken(TokenStore store, SignInSessionPort sessions,
                                                 JwtAccessTokenPort jwts, Clock clock) {
        return new RevokeTokenService(new TokenDetailsReader(store.loads(), clock),
                PresentedCredentials.of(store, jwts), new TokenLifecycle(store), sessions, clock);
    }

    /** For a host that keeps no sign-in sessions: revoking everything ends only the tokens. */
    public static RevokeTokenUseCase revokeToken(TokenStore store, JwtAccessTokenPort jwts, Clock clock) {
        return revokeToken(store, SignInSessionPort.NONE_KEPT, jwts, clock);
    }

    public static RotateSigningKeyUseCase rotateSigningKey(SigningKeyRingPort keys, RecordAuditEventPort audit,
                                                           Clock clock) {
        return new RotateSigningKeyService(keys, audit, clock);
    }

    public static SignInSessionsUseCase signInSessions(SignInSessionPort sessions, AuthenticateUseCase authenticate,
                                                       RandomnessPort randomness, SessionTimeouts timeouts,
                                                       Clock clock) {
        return new SignInSessionsService(sessions, authenticate, randomness, timeouts, clock);
    }

    public static IssuePartnerTokenUseCase issuePartnerToken(AuthenticateUseCase authenticate, IssueTokenUseCase issue,
                                                             LoadAccountPort accounts, LoadPartnerPort partners) {
        return new IssuePartnerTokenService(authenticate, issue, accounts, partners);
    }

    public static IssueTokenWithPasswordUseCase issueTokenWithPassword(AuthenticateUseCase authenticate,
                                                                       IssueTokenUseCase issue) {
        return new IssueTokenWithPasswordService(authenticate, issue);
    }

    public static CreateAccountUseCase createAccount(TokenStore store, SaveAccountPort saveAccounts,
                                                     LoadPartnerPort partners, PasswordHasherPort hasher,
                                                     RandomnessPort randomness, Clock clock) {
        return new CreateAccountService(saveAccounts, partners, hasher, randomness, new TokenLifecycle(store),
                store.audit(), clock);
    }

    public static ReadAccountsUseCase readAccounts(LoadAccountPort accounts) {
        return new ReadAccountsService(accounts);
    }

    public static ChangeAccountUseCase changeAccount(TokenStore store, LoadAccountPort accounts,
                                                     UpdateAccountPort updateAccounts, LoadPartnerPort partners,
                                                     LoadClientPort clients, PasswordHasherPort hasher,
                                                     SignInSessionPort sessions, Clock clock) {
        return new ChangeAccountService(accounts, updateAccounts, partners, clients, hasher, sessions,
                new TokenLifecycle(store), store.audit(), clock);
    }

    public static UnlockAccountUseCase unlockAccount(LoadAccountPort accounts, LoginLimitPort loginLimits) {
        return new UnlockAccountService(accounts, loginLimits);
    }

    public static DeleteAccountUseCase deleteAccount(TokenStore store, LoadAccountPort accounts,
                                                     LoadClientPort clients, DeleteAccountPort deletions,
                                                     SignInSessionPort sessions, Clock clock) {
        return new DeleteAccountService(accounts, clients, deletions, sessions, new TokenLifecycle(store),
                store.audit(), clock);
    }

    public static RevokeAccountTokensUseCase revokeAccountTokens(TokenStore store, LoadAccountPort accounts,
                                                                 SignInSessionPort sessions, Clock clock) {
        return new RevokeAccountTokensService(accounts, store.loads(), sessions, new TokenLifecycle(store), clock);
    }

    public static AdministerPartnersUseCase administerPartners(LoadPartnerPort partners, SavePartnerPort savePartners,
                                                               TransactionPort transactions,
                                                               RecordAuditEventPort audit, Clock clock) {
        return new AdministerPartnersService(partners, savePartners, transactions, audit, clock);
    }

    public static BootstrapAdministratorUseCase bootstrapAdministrator(LoadAccountPort accounts,
                                                                       SaveAccountPort saveAccounts,
                                                                       PasswordHasherPort hasher,
                                                                       RandomnessPort randomness, Clock clock) {
        return new BootstrapAdministratorService(accounts, saveAccounts, hasher, randomness, clock);
    }

    public static ReadAuditTrailUseCase readAuditTrail(LoadAuditEventsPort events, LoadAccountPort accounts) {
        return new ReadAuditTrailService(events, accounts);
    }

    public static MoveStoreUseCase moveStore(StoreArchivePort store) {
        return new MoveStoreService(store);
    }

    public static BackUpStoreUseCase backUpStore(StoreBackupPort store) {
        return (caller, directory, withMasterKey) -> {
            caller.requireAdministrator();
            return store.backUp(directory, withMasterKey);
        };
    }

    private static ListTokensService listTokensService(LoadTokenPort tokens, LoadAccountPort accounts, Clock clock) {
        return new ListTokensService(tokens, accounts, new TokenDetailsReader(tokens, clock), clock);
    }
}
