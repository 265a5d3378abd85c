package dev.latchkey.application.service;

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
import dev.latchkey.domain.GrantPolicy;
import dev.latchkey.domain.IssuancePolicy;
import dev.latchkey.domain.Password;
import dev.latchkey.domain.PasswordHash;
import java.time.Clock;
import java.util.Objects;

/**
 * The one public way to obtain the use cases: the services stay package-private, and whoever wires the
 * application (a DI container, a test, another host) hands in the ports once.
 */
public final class LatchkeyServices {

    private final Ports ports;
    private final TokenDetailsReader reader;
    private final PresentedCredentials credentials;
    private final TokenValidity validity;
    /**
     * What an unknown username's login is checked against, so that it costs the same hashing as a known one. Made
     * once, here, rather than on the first unknown username: that first login would otherwise take two hashes, and
     * its timing would tell.
     */
    private final PasswordHash decoyHash;

    public LatchkeyServices(Ports ports) {
        this.ports = Objects.requireNonNull(ports, "ports");
        this.reader = new TokenDetailsReader(ports.loadTokens(), ports.clock());
        this.credentials = new PresentedCredentials(ports.loadTokens(), ports.jwts());
        this.validity = new TokenValidity(ports.loadAccounts(), ports.loadPartners());
        this.decoyHash = ports.passwordHasher().hash(Password.presented("decoy password for unknown usernames"));
    }

    public AuthenticateUseCase authenticate() {
        return new AuthenticateService(ports.loadAccounts(), validity, credentials, ports.tokenState(),
                ports.passwordHasher(), ports.loginLimits(), ports.loginAudit(), ports.events(), ports.clock(),
                decoyHash);
    }

    public AuthenticateClientUseCase authenticateClient() {
        return new AuthenticateClientService(ports.loadClients());
    }

    public RegisterClientUseCase registerClient() {
        return new RegisterClientService(ports.saveClients(), ports.saveAccounts(), ports.passwordHasher(),
                ports.transactions(), ports.randomness(), ports.clock());
    }

    public AdministerClientsUseCase administerClients() {
        return new AdministerClientsService(ports.loadClients(), ports.saveClients(), ports.loadAccounts(),
                ports.updateAccounts(), ports.loadTokens(), ports.tokenState(), ports.transactions(),
                new ListTokensService(ports.loadTokens(), reader), revokeTokenService(), ports.clock());
    }

    public IssueTokenUseCase issueToken(IssuancePolicy policy) {
        return new IssueTokenService(policy, ports.loadTokens(), ports.loadAccounts(), ports.saveTokens(),
                ports.tokenState(), ports.randomness(), ports.jwts(), ports.events(), ports.clock());
    }

    public RotateTokenUseCase rotateToken(IssuancePolicy policy) {
        return new RotateTokenService(policy, reader, ports.loadTokens(), ports.saveTokens(), ports.tokenState(),
                ports.rotationLedger(), ports.secretDerivation(), ports.transactions(), ports.randomness(),
                ports.events(), ports.clock());
    }

    public GrantTokensUseCase grantTokens(GrantPolicy policy) {
        return new GrantTokensService(policy, authenticate(), credentials, ports.loadTokens(), ports.loadAccounts(),
                ports.saveTokens(), ports.tokenState(), ports.transactions(), ports.randomness(), ports.jwts(),
                ports.events(), validity, ports.clock());
    }

    public IntrospectTokenUseCase introspectToken() {
        return new IntrospectTokenService(credentials, ports.loadTokens(), validity, ports.tokenState(),
                ports.clock());
    }

    public InspectTokenUseCase inspectToken() {
        return new InspectTokenService(reader, credentials, ports.loadAccounts(), validity);
    }

    public ListTokensUseCase listTokens() {
        return new ListTokensService(ports.loadTokens(), reader);
    }

    public RevokeTokenUseCase revokeToken() {
        return revokeTokenService();
    }

    private RevokeTokenService revokeTokenService() {
        return new RevokeTokenService(reader, credentials, ports.tokenState(), ports.events(), ports.clock());
    }

    public IssuePartnerTokenUseCase issuePartnerToken(IssuancePolicy policy) {
        return new IssuePartnerTokenService(authenticate(), issueToken(policy), ports.loadAccounts(),
                ports.loadPartners());
    }

    public AdministerAccountsUseCase administerAccounts() {
        return new AdministerAccountsService(ports.loadAccounts(), ports.saveAccounts(), ports.updateAccounts(),
                ports.loadPartners(), ports.passwordHasher(), ports.randomness(), ports.loginLimits(), ports.clock());
    }

    public AdministerPartnersUseCase administerPartners() {
        return new AdministerPartnersService(ports.loadPartners(), ports.savePartners(), ports.clock());
    }

    public BootstrapAdministratorUseCase bootstrapAdministrator() {
        return new BootstrapAdministratorService(ports.loadAccounts(), ports.saveAccounts(), ports.passwordHasher(),
                ports.randomness(), ports.clock());
    }

    /** Every outbound port the use cases need, plus the clock. */
    public record Ports(LoadTokenPort loadTokens, SaveTokenPort saveTokens, UpdateTokenStatePort tokenState,
                        LoadAccountPort loadAccounts, SaveAccountPort saveAccounts, UpdateAccountPort updateAccounts,
                        LoadPartnerPort loadPartners, SavePartnerPort savePartners, LoadClientPort loadClients,
                        SaveClientPort saveClients, TransactionPort transactions, RotationLedgerPort rotationLedger,
                        SecretDerivationPort secretDerivation, JwtAccessTokenPort jwts,
                        PasswordHasherPort passwordHasher, LoginLimitPort loginLimits, LoginAuditPort loginAudit,
                        RandomnessPort randomness, PublishTokenEventPort events, Clock clock) {
        public Ports {
            Objects.requireNonNull(loginLimits, "loginLimits");
            Objects.requireNonNull(loginAudit, "loginAudit");
            Objects.requireNonNull(updateAccounts, "updateAccounts");
            Objects.requireNonNull(loadPartners, "loadPartners");
            Objects.requireNonNull(savePartners, "savePartners");
            Objects.requireNonNull(jwts, "jwts");
            Objects.requireNonNull(rotationLedger, "rotationLedger");
            Objects.requireNonNull(secretDerivation, "secretDerivation");
            Objects.requireNonNull(loadClients, "loadClients");
            Objects.requireNonNull(saveClients, "saveClients");
            Objects.requireNonNull(transactions, "transactions");
            Objects.requireNonNull(loadTokens, "loadTokens");
            Objects.requireNonNull(saveTokens, "saveTokens");
            Objects.requireNonNull(tokenState, "tokenState");
            Objects.requireNonNull(loadAccounts, "loadAccounts");
            Objects.requireNonNull(saveAccounts, "saveAccounts");
            Objects.requireNonNull(passwordHasher, "passwordHasher");
            Objects.requireNonNull(randomness, "randomness");
            Objects.requireNonNull(events, "events");
            Objects.requireNonNull(clock, "clock");
        }
    }
}
