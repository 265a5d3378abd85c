package dev.latchkey.bootstrap;

import dev.latchkey.adapter.rest.dialect.DialectSettings;
import dev.latchkey.adapter.rest.jwt.SigningSettings;
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
import dev.latchkey.application.port.in.ManagePoliciesUseCase;
import dev.latchkey.application.port.in.MoveStoreUseCase;
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
import dev.latchkey.application.port.out.TransactionPort;
import dev.latchkey.application.port.out.UpdateAccountPort;
import dev.latchkey.application.port.out.UpdateTokenStatePort;
import dev.latchkey.application.port.out.WebhookDeliveryPort;
import dev.latchkey.application.port.out.WebhookDestinationsPort;
import dev.latchkey.application.port.out.WebhookEndpointPort;
import dev.latchkey.application.port.out.WebhookSenderPort;
import dev.latchkey.application.port.out.StoreArchivePort;
import dev.latchkey.application.port.out.StoreBackupPort;
import dev.latchkey.application.service.LatchkeyServices;
import dev.latchkey.domain.GrantPolicy;
import dev.latchkey.domain.GrantSurface;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.PasswordPolicy;
import dev.latchkey.domain.SessionTimeouts;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/** Wires the framework-free core: ports in, use cases out. */
@Factory
class UseCaseFactory {

    /** Masters India's token-pair endpoints: their refresh tokens redeem there, and only there. */
    static final GrantSurface MASTERS_INDIA_SURFACE = GrantSurface.of("mastersindia");

    /**
     * Ticks in microseconds: PostgreSQL keeps no finer, and a token must read back exactly as it was issued. Secondary,
     * so that a host embedding the service (or a test moving time) may register a clock of its own.
     */
    @Singleton
    @io.micronaut.context.annotation.Secondary
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }

    /** {@code latchkey.accounts.password-minimum-length}: 12 unless configured, never below NIST's 8. */
    @Singleton
    PasswordPolicy passwordPolicy(@Value("${latchkey.accounts.password-minimum-length:12}") int minimumLength) {
        return new PasswordPolicy(minimumLength);
    }

    @Singleton
    RandomnessPort randomness() {
        return new SecureRandomness();
    }

    @Singleton
    @Bean(preDestroy = "close")
    LoginLog loginAudit() {
        return new LoginLog();
    }

    /** What every use case that changes a token writes through: the one token lifecycle's ports. */
    @Singleton
    LatchkeyServices.TokenStore tokenStore(LoadTokenPort loads, SaveTokenPort saves, UpdateTokenStatePort state,
                                           TransactionPort transactions, RecordAuditEventPort audit,
                                           IssuanceLimitPort limits, TokenProperties token) {
        return new LatchkeyServices.TokenStore(loads, saves, state, transactions, audit, limits, token.toFormat());
    }

    /**
     * What outbound events go through. The node's name is unique per process, so that two nodes on one host, or a
     * node restarted before its claims lapsed, never take each other's claims for their own.
     */
    @Singleton
    LatchkeyServices.Webhooks webhooks(WebhookEndpointPort endpoints, WebhookDeliveryPort deliveries,
                                       WebhookDestinationsPort destinations, WebhookSenderPort sender) {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException unnamed) {
            host = "node";
        }
        String node = (host.length() > 40 ? host.substring(0, 40) : host) + "-"
                + java.util.UUID.randomUUID().toString().substring(0, 8);
        return new LatchkeyServices.Webhooks(endpoints, deliveries, destinations, sender, node);
    }

    @Singleton
    AdministerWebhooksUseCase administerWebhooks(LatchkeyServices.Core core) {
        return core.administerWebhooks();
    }

    @Singleton
    DeliverWebhooksUseCase deliverWebhooks(LatchkeyServices.Core core) {
        return core.deliverWebhooks();
    }

    @Singleton
    AnnounceExpiriesUseCase announceExpiries(LatchkeyServices.Core core, NotificationProperties notifications) {
        return core.announceExpiries(notifications.toNotices());
    }

    /** Owners' mail, where a relay is configured. */
    @Singleton
    @Requires(beans = MailSenderPort.class)
    DeliverMailUseCase deliverMail(LatchkeyServices.Core core, MailSenderPort relay) {
        return core.deliverMail(relay);
    }

    @Singleton
    SingleUseProofsUseCase singleUseProofs(LatchkeyServices.Core core) {
        return core.singleUseProofs();
    }

    @Singleton
    OwnAccountUseCase ownAccount(LatchkeyServices.Core core) {
        return core.ownAccount();
    }

    /** Where people's authorizations wait, between a browser's or a device's visits. */
    @Singleton
    LatchkeyServices.Authorizations authorizations(AuthorizationCodePort codes, ConsentPort consents,
                                                   DeviceAuthorizationPort devices, PushedRequestPort pushedRequests) {
        return new LatchkeyServices.Authorizations(codes, consents, devices, pushedRequests);
    }

    /**
     * The whole core over every port, built once: the one wiring list is {@link LatchkeyServices.Core}, and the beans
     * below only expose its use cases.
     */
    @Singleton
    LatchkeyServices.Core core(IssuanceProperties issuance, LatchkeyServices.TokenStore store,
                               LoadAccountPort accounts, SaveAccountPort saveAccounts, UpdateAccountPort updateAccounts,
                               DeleteAccountPort deleteAccounts, LoadPartnerPort partners, SavePartnerPort savePartners,
                               LoadClientPort clients, SaveClientPort saveClients, LoadPolicyPort policies,
                               SavePolicyPort savePolicies, LoadAuditEventsPort auditEvents,
                               SignInSessionPort sessions, LatchkeyServices.Authorizations authorizations,
                               RotationLedgerPort rotations,
                               SecretDerivationPort derivation, JwtAccessTokenPort jwts, PasswordHasherPort hasher,
                               RandomnessPort randomness, LoginLimitPort loginLimits,
                               ReportLimitPort reportLimits, LeakNoticePort leakNotices,
                               LatchkeyServices.Webhooks webhooks, ExpiryScanPort expiryScan, MailOutboxPort mail,
                               ProofReplayPort proofReplay, LoginAuditPort loginAudit, Clock clock) {
        return new LatchkeyServices.Core(new LatchkeyServices.Ports(store, accounts, saveAccounts, updateAccounts,
                deleteAccounts, partners, savePartners, clients, saveClients, policies, savePolicies, auditEvents,
                sessions, authorizations, rotations, derivation, jwts, hasher, randomness, loginLimits,
                new LatchkeyServices.Leaks(reportLimits, leakNotices), webhooks,
                new LatchkeyServices.Notices(expiryScan, mail), proofReplay, loginAudit, clock),
                issuance.toPolicy());
    }

    @Singleton
    AuthenticateUseCase authenticate(LatchkeyServices.Core core) {
        return core.authenticate();
    }

    @Singleton
    IssueTokenUseCase issueToken(LatchkeyServices.Core core) {
        return core.issueToken();
    }

    @Singleton
    RotateTokenUseCase rotateToken(LatchkeyServices.Core core) {
        return core.rotateToken();
    }

    @Singleton
    InspectTokenUseCase inspectToken(LatchkeyServices.Core core) {
        return core.inspectToken();
    }

    @Singleton
    ListTokensUseCase listTokens(LatchkeyServices.Core core) {
        return core.listTokens();
    }

    @Singleton
    RevokeTokenUseCase revokeToken(LatchkeyServices.Core core) {
        return core.revokeToken();
    }

    @Singleton
    IntrospectTokenUseCase introspectToken(LatchkeyServices.Core core) {
        return core.introspectToken();
    }

    @Singleton
    IssueTokenWithPasswordUseCase issueTokenWithPassword(LatchkeyServices.Core core) {
        return core.issueTokenWithPassword();
    }

    @Singleton
    IssuePartnerTokenUseCase issuePartnerToken(LatchkeyServices.Core core) {
        return core.issuePartnerToken();
    }

    @Singleton
    ManagePoliciesUseCase managePolicies(LatchkeyServices.Core core) {
        return core.managePolicies();
    }

    @Singleton
    CreateAccountUseCase createAccount(LatchkeyServices.Core core) {
        return core.createAccount();
    }

    @Singleton
    ReadAccountsUseCase readAccounts(LatchkeyServices.Core core) {
        return core.readAccounts();
    }

    @Singleton
    ChangeAccountUseCase changeAccount(LatchkeyServices.Core core) {
        return core.changeAccount();
    }

    @Singleton
    UnlockAccountUseCase unlockAccount(LatchkeyServices.Core core) {
        return core.unlockAccount();
    }

    @Singleton
    DeleteAccountUseCase deleteAccount(LatchkeyServices.Core core) {
        return core.deleteAccount();
    }

    @Singleton
    RevokeAccountTokensUseCase revokeAccountTokens(LatchkeyServices.Core core) {
        return core.revokeAccountTokens();
    }

    @Singleton
    AdministerPartnersUseCase administerPartners(LatchkeyServices.Core core) {
        return core.administerPartners();
    }

    @Singleton
    AuthenticateClientUseCase authenticateClient(LatchkeyServices.Core core) {
        return core.authenticateClient();
    }

    @Singleton
    RegisterClientUseCase registerClient(LatchkeyServices.Core core) {
        return core.registerClient();
    }

    @Singleton
    AdministerClientsUseCase administerClients(LatchkeyServices.Core core) {
        return core.administerClients();
    }

    @Singleton
    RotateClientSecretUseCase rotateClientSecret(LatchkeyServices.Core core) {
        return core.rotateClientSecret();
    }

    @Singleton
    AuthorizeUseCase authorize(LatchkeyServices.Core core) {
        return core.authorize();
    }

    @Singleton
    DeviceAuthorizationUseCase deviceAuthorization(LatchkeyServices.Core core) {
        return core.deviceAuthorization();
    }

    @Singleton
    PushAuthorizationRequestUseCase pushAuthorizationRequest(LatchkeyServices.Core core) {
        return core.pushAuthorizationRequest();
    }

    @Singleton
    AuthorizedApplicationsUseCase authorizedApplications(LatchkeyServices.Core core) {
        return core.authorizedApplications();
    }

    @Singleton
    LeakedTokensUseCase leakedTokens(LatchkeyServices.Core core) {
        return core.leakedTokens();
    }

    @Singleton
    ReadAuditTrailUseCase readAuditTrail(LatchkeyServices.Core core) {
        return core.readAuditTrail();
    }

    @Singleton
    MoveStoreUseCase moveStore(StoreArchivePort store) {
        return LatchkeyServices.moveStore(store);
    }

    @Singleton
    BackUpStoreUseCase backUpStore(StoreBackupPort store) {
        return LatchkeyServices.backUpStore(store);
    }

    @Singleton
    BootstrapAdministratorUseCase bootstrapAdministrator(LatchkeyServices.Core core) {
        return core.bootstrapAdministrator();
    }

    @Singleton
    SignInSessionsUseCase signInSessions(LatchkeyServices.Core core, SessionTimeouts timeouts) {
        return core.signInSessions(timeouts);
    }

    @Singleton
    @io.micronaut.context.annotation.Requires(beans = SigningKeyRingPort.class)
    RotateSigningKeyUseCase rotateSigningKey(LatchkeyServices.Core core, SigningKeyRingPort keys) {
        return core.rotateSigningKey(keys);
    }

    /** Built at start-up, so that inconsistent OAuth settings stop the service before it serves anything. */
    @Context
    @Primary
    GrantTokensUseCase grantTokens(OAuthProperties oauth, LatchkeyServices.Core core) {
        return core.grantTokens(oauth.toGrantPolicy());
    }

    /**
     * Masters India's grants: a 24-hour access JWT and a 30-day refresh JWT (the platform's), and a refresh that
     * invalidates the pair it replaces.
     */
    @Singleton
    @Named("mastersindia")
    GrantTokensUseCase mastersIndiaGrants(OAuthProperties oauth, LatchkeyServices.Core core,
                                          DialectSettings.MastersIndia settings) {
        GrantPolicy standard = oauth.toGrantPolicy();
        return core.grantTokens(new GrantPolicy(MASTERS_INDIA_SURFACE, settings.accessTokens(),
                settings.refreshTokens(), standard.reuseLeeway(), GrantPolicy.AccessTokenFormat.ACCOUNT_JWT, true));
    }

    /**
     * How JWT access tokens are signed. A retired key stays published for the access-token lifetime: no access
     * token lives longer (an exchange's is shorter still).
     */
    @Singleton
    SigningSettings signingSettings(OAuthProperties oauth,
                                    @Value("${latchkey.oauth.jwt.algorithm:ES256}") String algorithm,
                                    @Value("${latchkey.oauth.jwt.rotation-period:30d}") Duration rotationPeriod,
                                    @Value("${latchkey.oauth.jwt.publish-ahead:10m}") Duration publishAhead,
                                    @Value("${latchkey.oauth.jwt.key-set-max-age:5m}") Duration keySetMaxAge,
                                    @Value("${latchkey.oauth.jwt.key-refresh-interval:30s}") Duration refreshInterval) {
        try {
            return SigningSettings.of(oauth.getAccessTokenFormat() == GrantPolicy.AccessTokenFormat.JWT, algorithm,
                    rotationPeriod, publishAhead, keySetMaxAge, oauth.getAccessTokenLifetime(), refreshInterval);
        } catch (IllegalArgumentException inconsistent) {
            throw new ConfigurationException(inconsistent.getMessage());
        }
    }

    /**
     * How long a sign-in session lasts: {@code latchkey.console.session-idle-timeout} without a request (15 minutes),
     * and at the latest {@code latchkey.console.session-lifetime} after sign-in (8 hours).
     */
    @Singleton
    SessionTimeouts sessionTimeouts(@Value("${latchkey.console.session-idle-timeout:15m}") Duration idle,
                                    @Value("${latchkey.console.session-lifetime:8h}") Duration lifetime) {
        return new SessionTimeouts(idle, lifetime);
    }
}
