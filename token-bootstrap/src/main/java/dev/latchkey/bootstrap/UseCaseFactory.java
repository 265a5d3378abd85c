package dev.latchkey.bootstrap;

import dev.latchkey.adapter.rest.jwt.SigningSettings;
import dev.latchkey.application.port.in.AdministerAccountsUseCase;
import dev.latchkey.application.port.in.AdministerPartnersUseCase;
import dev.latchkey.application.port.in.AdministerClientsUseCase;
import dev.latchkey.application.port.in.AuthenticateClientUseCase;
import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.application.port.in.BootstrapAdministratorUseCase;
import dev.latchkey.application.port.in.GrantTokensUseCase;
import dev.latchkey.application.port.in.InspectTokenUseCase;
import dev.latchkey.application.port.in.IntrospectTokenUseCase;
import dev.latchkey.application.port.in.IssuePartnerTokenUseCase;
import dev.latchkey.application.port.in.IssueTokenUseCase;
import dev.latchkey.application.port.in.IssueTokenWithPasswordUseCase;
import dev.latchkey.application.port.in.ListTokensUseCase;
import dev.latchkey.application.port.in.ManagePoliciesUseCase;
import dev.latchkey.application.port.in.ReadAuditTrailUseCase;
import dev.latchkey.application.port.in.RegisterClientUseCase;
import dev.latchkey.application.port.in.RevokeTokenUseCase;
import dev.latchkey.application.port.in.RotateTokenUseCase;
import dev.latchkey.application.port.out.DeleteAccountPort;
import dev.latchkey.application.port.out.IssuanceLimitPort;
import dev.latchkey.application.port.out.JwtAccessTokenPort;
import dev.latchkey.application.port.out.LoadAccountPort;
import dev.latchkey.application.port.out.LoadAuditEventsPort;
import dev.latchkey.application.port.out.LoadClientPort;
import dev.latchkey.application.port.out.LoadPartnerPort;
import dev.latchkey.application.port.out.LoadPolicyPort;
import dev.latchkey.application.port.out.LoadTokenPort;
import dev.latchkey.application.port.out.LoginAuditPort;
import dev.latchkey.application.port.out.LoginLimitPort;
import dev.latchkey.application.port.out.PasswordHasherPort;
import dev.latchkey.application.port.out.RecordAuditEventPort;
import dev.latchkey.application.port.out.RandomnessPort;
import dev.latchkey.application.port.out.RotationLedgerPort;
import dev.latchkey.application.port.out.SecretDerivationPort;
import dev.latchkey.application.port.out.SaveAccountPort;
import dev.latchkey.application.port.out.SaveClientPort;
import dev.latchkey.application.port.out.SavePartnerPort;
import dev.latchkey.application.port.out.SavePolicyPort;
import dev.latchkey.application.port.out.SaveTokenPort;
import dev.latchkey.application.port.out.TransactionPort;
import dev.latchkey.application.port.out.UpdateAccountPort;
import dev.latchkey.application.port.out.UpdateTokenStatePort;
import dev.latchkey.adapter.rest.dialect.DialectSettings;
import dev.latchkey.application.service.LatchkeyServices;
import dev.latchkey.application.port.in.SignInSessionsUseCase;
import dev.latchkey.application.port.out.SignInSessionPort;
import dev.latchkey.application.port.out.SigningKeyRingPort;
import dev.latchkey.application.port.in.RotateSigningKeyUseCase;
import dev.latchkey.domain.SessionTimeouts;
import dev.latchkey.domain.GrantPolicy;
import dev.latchkey.domain.GrantSurface;
import dev.latchkey.domain.Lifetime;
import dev.latchkey.domain.PasswordPolicy;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Named;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/** Wires the framework-free core: ports in, use cases out. */
@Factory
class UseCaseFactory {

    /** Masters India's token-pair endpoints: their refresh tokens redeem there, and only there. */
    static final GrantSurface MASTERS_INDIA_SURFACE = GrantSurface.of("mastersindia");

    /** Ticks in microseconds: PostgreSQL keeps no finer, and a token must read back exactly as it was issued. */
    @Singleton
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
    LoginAuditPort loginAudit() {
        return new LoginLog();
    }

    /** What every use case that changes a token writes through: the one token lifecycle's ports. */
    @Singleton
    LatchkeyServices.TokenStore tokenStore(LoadTokenPort loads, SaveTokenPort saves, UpdateTokenStatePort state,
                                           TransactionPort transactions, RecordAuditEventPort audit,
                                           IssuanceLimitPort limits) {
        return new LatchkeyServices.TokenStore(loads, saves, state, transactions, audit, limits);
    }

    @Singleton
    RotateTokenUseCase rotateToken(IssuanceProperties issuance, LatchkeyServices.TokenStore store,
                                   LoadAccountPort accounts, LoadPolicyPort policies, RotationLedgerPort ledger,
                                   SecretDerivationPort derivation, RandomnessPort randomness, Clock clock) {
        return LatchkeyServices.rotateToken(issuance.toPolicy(), store, accounts, policies, ledger, derivation,
                randomness, clock);
    }

    @Singleton
    ManagePoliciesUseCase managePolicies(IssuanceProperties issuance, LatchkeyServices.TokenStore store,
                                         LoadAccountPort accounts, LoadPolicyPort policies,
                                         SavePolicyPort savePolicies, Clock clock) {
        return LatchkeyServices.managePolicies(issuance.toPolicy(), store, accounts, policies, savePolicies, clock);
    }

    @Singleton
    IssueTokenWithPasswordUseCase issueTokenWithPassword(AuthenticateUseCase authenticate, IssueTokenUseCase issue) {
        return LatchkeyServices.issueTokenWithPassword(authenticate, issue);
    }

    @Singleton
    IssuePartnerTokenUseCase issuePartnerToken(AuthenticateUseCase authenticate, IssueTokenUseCase issue,
                                               LoadAccountPort accounts, LoadPartnerPort partners) {
        return LatchkeyServices.issuePartnerToken(authenticate, issue, accounts, partners);
    }

    @Singleton
    AdministerAccountsUseCase administerAccounts(LatchkeyServices.TokenStore store, LoadAccountPort accounts,
                                                 SaveAccountPort saveAccounts, UpdateAccountPort updateAccounts,
                                                 DeleteAccountPort deleteAccounts, SignInSessionPort sessions,
                                                 LoadPartnerPort partners, LoadClientPort clients,
                                                 PasswordHasherPort hasher, RandomnessPort randomness,
                                                 LoginLimitPort loginLimits, Clock clock) {
        return LatchkeyServices.administerAccounts(store, accounts, saveAccounts, updateAccounts, deleteAccounts,
                sessions, partners, clients, hasher, randomness, loginLimits, clock);
    }

    @Singleton
    AdministerPartnersUseCase administerPartners(LoadPartnerPort partners, SavePartnerPort savePartners,
                                                 TransactionPort transactions, RecordAuditEventPort audit,
                                                 Clock clock) {
        return LatchkeyServices.administerPartners(partners, savePartners, transactions, audit, clock);
    }

    @Singleton
    AuthenticateClientUseCase authenticateClient(LoadClientPort clients) {
        return LatchkeyServices.authenticateClient(clients);
    }

    @Singleton
    RegisterClientUseCase registerClient(SaveClientPort clients, SaveAccountPort accounts, PasswordHasherPort hasher,
                                         TransactionPort transactions, RecordAuditEventPort audit,
                                         RandomnessPort randomness, Clock clock) {
        return LatchkeyServices.registerClient(clients, accounts, hasher, transactions, audit, randomness, clock);
    }

    @Singleton
    AdministerClientsUseCase administerClients(LatchkeyServices.TokenStore store, LoadClientPort clients,
                                               SaveClientPort saveClients, LoadAccountPort accounts,
                                               UpdateAccountPort updateAccounts, Clock clock) {
        return LatchkeyServices.administerClients(store, clients, saveClients, accounts, updateAccounts, clock);
    }

    /** Built at start-up, so that inconsistent OAuth settings stop the service before it serves anything. */
    @Context
    @Primary
    GrantTokensUseCase grantTokens(OAuthProperties oauth, GrantWiring wiring) {
        return wiring.grantTokens(oauth.toGrantPolicy());
    }

    /**
     * Masters India's grants: a 24-hour access JWT and a 30-day refresh JWT (the platform's), and a refresh that
     * invalidates the pair it replaces.
     */
    @Singleton
    @Named("mastersindia")
    GrantTokensUseCase mastersIndiaGrants(OAuthProperties oauth, GrantWiring wiring,
                                          DialectSettings.MastersIndia settings) {
        GrantPolicy standard = oauth.toGrantPolicy();
        return wiring.grantTokens(new GrantPolicy(MASTERS_INDIA_SURFACE, settings.accessTokens(),
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

    /** The ports both grant surfaces share; each gets its own policy. */
    @Singleton
    GrantWiring grantWiring(IssuanceProperties issuance, LatchkeyServices.TokenStore store,
                            AuthenticateUseCase authenticate, LoadAccountPort accounts, LoadPartnerPort partners,
                            LoadPolicyPort policies, RandomnessPort randomness, JwtAccessTokenPort jwts, Clock clock) {
        return policy -> LatchkeyServices.grantTokens(policy, issuance.toPolicy(), store, authenticate, accounts,
                partners, policies, randomness, jwts, clock);
    }

    interface GrantWiring {
        GrantTokensUseCase grantTokens(GrantPolicy policy);
    }

    @Singleton
    IntrospectTokenUseCase introspectToken(LatchkeyServices.TokenStore store, LoadAccountPort accounts,
                                           LoadPartnerPort partners, JwtAccessTokenPort jwts, Clock clock) {
        return LatchkeyServices.introspectToken(store, accounts, partners, jwts, clock);
    }

    @Singleton
    AuthenticateUseCase authenticate(LatchkeyServices.TokenStore store, LoadAccountPort accounts,
                                     LoadPartnerPort partners, JwtAccessTokenPort jwts, PasswordHasherPort hasher,
                                     LoginLimitPort loginLimits, LoginAuditPort loginAudit, Clock clock) {
        return LatchkeyServices.authenticate(store, accounts, partners, jwts, hasher, loginLimits, loginAudit, clock);
    }

    @Singleton
    IssueTokenUseCase issueToken(IssuanceProperties issuance, LatchkeyServices.TokenStore store,
                                 LoadAccountPort accounts, LoadPolicyPort policies, RandomnessPort randomness,
                                 JwtAccessTokenPort jwts, Clock clock) {
        return LatchkeyServices.issueToken(issuance.toPolicy(), store, accounts, policies, randomness, jwts, clock);
    }

    @Singleton
    InspectTokenUseCase inspectToken(LoadTokenPort tokens, LoadAccountPort accounts, LoadPartnerPort partners,
                                     JwtAccessTokenPort jwts, Clock clock) {
        return LatchkeyServices.inspectToken(tokens, accounts, partners, jwts, clock);
    }

    @Singleton
    ListTokensUseCase listTokens(LoadTokenPort tokens, LoadAccountPort accounts, Clock clock) {
        return LatchkeyServices.listTokens(tokens, accounts, clock);
    }

    @Singleton
    RevokeTokenUseCase revokeToken(LatchkeyServices.TokenStore store, SignInSessionPort sessions,
                                   JwtAccessTokenPort jwts, Clock clock) {
        return LatchkeyServices.revokeToken(store, sessions, jwts, clock);
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

    @Singleton
    @io.micronaut.context.annotation.Requires(beans = SigningKeyRingPort.class)
    RotateSigningKeyUseCase rotateSigningKey(SigningKeyRingPort keys, RecordAuditEventPort audit, Clock clock) {
        return LatchkeyServices.rotateSigningKey(keys, audit, clock);
    }

    @Singleton
    SignInSessionsUseCase signInSessions(SignInSessionPort sessions, AuthenticateUseCase authenticate,
                                         RandomnessPort randomness, SessionTimeouts timeouts, Clock clock) {
        return LatchkeyServices.signInSessions(sessions, authenticate, randomness, timeouts, clock);
    }

    @Singleton
    ReadAuditTrailUseCase readAuditTrail(LoadAuditEventsPort events, LoadAccountPort accounts) {
        return LatchkeyServices.readAuditTrail(events, accounts);
    }

    @Singleton
    BootstrapAdministratorUseCase bootstrapAdministrator(LoadAccountPort accounts, SaveAccountPort saveAccounts,
                                                         PasswordHasherPort hasher, RandomnessPort randomness,
                                                         Clock clock) {
        return LatchkeyServices.bootstrapAdministrator(accounts, saveAccounts, hasher, randomness, clock);
    }
}
