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
import dev.latchkey.application.port.in.ListTokensUseCase;
import dev.latchkey.application.port.in.RegisterClientUseCase;
import dev.latchkey.application.port.in.RevokeTokenUseCase;
import dev.latchkey.application.port.in.RotateTokenUseCase;
import dev.latchkey.application.port.out.JwtAccessTokenPort;
import dev.latchkey.application.port.out.LoadAccountPort;
import dev.latchkey.application.port.out.LoadClientPort;
import dev.latchkey.application.port.out.LoadPartnerPort;
import dev.latchkey.application.port.out.LoadTokenPort;
import dev.latchkey.application.port.out.LoginAuditPort;
import dev.latchkey.application.port.out.LoginLimitPort;
import dev.latchkey.application.port.out.PasswordHasherPort;
import dev.latchkey.application.port.out.PublishTokenEventPort;
import dev.latchkey.application.port.out.RandomnessPort;
import dev.latchkey.application.port.out.RotationLedgerPort;
import dev.latchkey.application.port.out.SecretDerivationPort;
import dev.latchkey.application.port.out.SaveAccountPort;
import dev.latchkey.application.port.out.SaveClientPort;
import dev.latchkey.application.port.out.SavePartnerPort;
import dev.latchkey.application.port.out.SaveTokenPort;
import dev.latchkey.application.port.out.TransactionPort;
import dev.latchkey.application.port.out.UpdateAccountPort;
import dev.latchkey.application.port.out.UpdateTokenStatePort;
import dev.latchkey.application.service.LatchkeyServices;
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
    PublishTokenEventPort events() {
        return new AuditLog();
    }

    @Singleton
    LoginAuditPort loginAudit() {
        return new LoginLog();
    }

    @Singleton
    LatchkeyServices services(LoadTokenPort loadTokens, SaveTokenPort saveTokens, UpdateTokenStatePort tokenState,
                              LoadAccountPort loadAccounts, SaveAccountPort saveAccounts,
                              UpdateAccountPort updateAccounts, LoadPartnerPort loadPartners,
                              SavePartnerPort savePartners, LoadClientPort loadClients,
                              SaveClientPort saveClients, TransactionPort transactions,
                              RotationLedgerPort rotationLedger, SecretDerivationPort secretDerivation,
                              JwtAccessTokenPort jwts, PasswordHasherPort passwordHasher,
                              LoginLimitPort loginLimits, LoginAuditPort loginAudit, RandomnessPort randomness,
                              PublishTokenEventPort events, Clock clock) {
        return new LatchkeyServices(new LatchkeyServices.Ports(loadTokens, saveTokens, tokenState, loadAccounts,
                saveAccounts, updateAccounts, loadPartners, savePartners, loadClients, saveClients, transactions,
                rotationLedger, secretDerivation, jwts, passwordHasher, loginLimits, loginAudit, randomness, events,
                clock));
    }

    @Singleton
    RotateTokenUseCase rotateToken(LatchkeyServices services, IssuanceProperties issuance) {
        return services.rotateToken(issuance.toPolicy());
    }

    @Singleton
    IssuePartnerTokenUseCase issuePartnerToken(LatchkeyServices services, IssuanceProperties issuance) {
        return services.issuePartnerToken(issuance.toPolicy());
    }

    @Singleton
    AdministerAccountsUseCase administerAccounts(LatchkeyServices services) {
        return services.administerAccounts();
    }

    @Singleton
    AdministerPartnersUseCase administerPartners(LatchkeyServices services) {
        return services.administerPartners();
    }

    @Singleton
    AuthenticateClientUseCase authenticateClient(LatchkeyServices services) {
        return services.authenticateClient();
    }

    @Singleton
    RegisterClientUseCase registerClient(LatchkeyServices services) {
        return services.registerClient();
    }

    @Singleton
    AdministerClientsUseCase administerClients(LatchkeyServices services) {
        return services.administerClients();
    }

    /** Built at start-up, so that inconsistent OAuth settings stop the service before it serves anything. */
    @Context
    @Primary
    GrantTokensUseCase grantTokens(LatchkeyServices services, OAuthProperties oauth) {
        return services.grantTokens(oauth.toGrantPolicy());
    }

    /**
     * Masters India's grants: a 24-hour access JWT and a 30-day refresh JWT (the platform's), and a refresh that
     * invalidates the pair it replaces.
     */
    @Singleton
    @Named("mastersindia")
    GrantTokensUseCase mastersIndiaGrants(LatchkeyServices services, OAuthProperties oauth,
                                          @Value("${latchkey.dialects.mastersindia.access-token-lifetime:24h}")
                                          Duration accessTokenLifetime,
                                          @Value("${latchkey.dialects.mastersindia.refresh-token-lifetime:30d}")
                                          Duration refreshTokenLifetime) {
        GrantPolicy standard = oauth.toGrantPolicy();
        return services.grantTokens(new GrantPolicy(MASTERS_INDIA_SURFACE, Lifetime.of(accessTokenLifetime),
                Lifetime.of(refreshTokenLifetime), standard.reuseLeeway(), GrantPolicy.AccessTokenFormat.ACCOUNT_JWT,
                true));
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

    @Singleton
    IntrospectTokenUseCase introspectToken(LatchkeyServices services) {
        return services.introspectToken();
    }

    @Singleton
    AuthenticateUseCase authenticate(LatchkeyServices services) {
        return services.authenticate();
    }

    @Singleton
    IssueTokenUseCase issueToken(LatchkeyServices services, IssuanceProperties issuance) {
        return services.issueToken(issuance.toPolicy());
    }

    @Singleton
    InspectTokenUseCase inspectToken(LatchkeyServices services) {
        return services.inspectToken();
    }

    @Singleton
    ListTokensUseCase listTokens(LatchkeyServices services) {
        return services.listTokens();
    }

    @Singleton
    RevokeTokenUseCase revokeToken(LatchkeyServices services) {
        return services.revokeToken();
    }

    @Singleton
    BootstrapAdministratorUseCase bootstrapAdministrator(LatchkeyServices services) {
        return services.bootstrapAdministrator();
    }
}
