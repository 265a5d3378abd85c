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
import dev.latchkey.application.port.in.IssueTokenWithPasswordUseCase;
import dev.latchkey.application.port.in.ListTokensUseCase;
import dev.latchkey.application.port.in.ManagePoliciesUseCase;
import dev.latchkey.application.port.in.ReadAuditTrailUseCase;
import dev.latchkey.application.port.in.RegisterClientUseCase;
import dev.latchkey.application.port.in.RevokeTokenUseCase;
import dev.latchkey.application.port.in.RotateSigningKeyUseCase;
import dev.latchkey.application.port.in.RotateTokenUseCase;
import dev.latchkey.application.port.in.SignInSessionsUseCase;
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
import dev.latchkey.application.port.out.SignInSessionPort;
import dev.latchkey.application.port.out.SigningKeyRingPort;
import dev.latchkey.application.port.out.SaveAccountPort;
import dev.latchkey.application.port.out.SaveClientPort;
import dev.latchkey.application.port.out.SavePartnerPort;
import dev.latchkey.application.port.out.SavePolicyPort;
import dev.latchkey.application.port.out.SaveTokenPort;
import dev.latchkey.application.port.out.TransactionPort;
import dev.latchkey.application.port.out.UpdateAccountPort;
import dev.latchkey.application.port.out.UpdateTokenStatePort;
import dev.latchkey.domain.GrantPolicy;
import dev.latchkey.domain.IssuancePolicy;
import dev.latchkey.domain.Password;
import dev.latchkey.domain.PasswordHash;
import dev.latchkey.domain.SessionTimeouts;
import java.time.Clock;
import java.util.Objects;

/**
 * The one public way to obtain the use cases: the services stay package-private, and whoever wires the application (a
 * DI container, a test, another host) calls one factory per use case, handing in exactly the ports that use case
 * needs. Every use case that changes a token's state takes the {@link TokenStore}, through which all such changes go.
 */
public final class LatchkeyServices {

    private LatchkeyServices() {
    }

    /**
     * The token store and the audit trail: what the token lifecycle writes through. One value, because every creation
     * and revocation needs all of it: the state to read and write, the transaction that makes several writes one,
     * the trail that records them, and the allowance every new token is taken from.
     */
    public record TokenStore(LoadTokenPort loads, SaveTokenPort saves, UpdateTokenStatePort state,
                             TransactionPort transactions, RecordAuditEventPort audit, IssuanceLimitPort limits) {
        public TokenStore {
            Objects.requireNonNull(loads, "loads");
            Objects.requireNonNull(saves, "saves");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(transactions, "transactions");
            Objects.requireNonNull(audit, "audit");
            Objects.requireNonNull(limits, "limits");
        }

        /** A store whose accounts may make tokens as fast as they like: for a host that bounds issuance itself. */
        public TokenStore(LoadTokenPort loads, SaveTokenPort saves, UpdateTokenStatePort state,
                          TransactionPort transactions, RecordAuditEventPort audit) {
            this(loads, saves, state, transactions, audit, IssuanceLimitPort.UNLIMITED);
        }
    }

    /**
     * Checks passwords and presented tokens. An unknown username is checked against a decoy hash made here, once,
     * so that it costs the same hashing as a known one from the first login on: made lazily, the first unknown
     * username's login would take two hashes, and its timing would tell.
     */
    public static AuthenticateUseCase authenticate(TokenStore store, LoadAccountPort accounts, LoadPartnerPort partners,
                                                   JwtAccessTokenPort jwts, PasswordHasherPort hasher,
                                                   LoginLimitPort loginLimits, LoginAuditPort loginAudit, Clock clock) {
        PasswordHash decoyHash = hasher.hash(Password.presented("decoy password for unknown usernames"));
        return new AuthenticateService(accounts, new TokenValidity(accounts, partners),
                new PresentedCredentials(store.loads(), jwts), new TokenLifecycle(store), hasher, loginLimits,
                loginAudit, store.audit(), clock, decoyHash);
    }

    public static AuthenticateClientUseCase authenticateClient(LoadClientPort clients) {
        return new AuthenticateClientService(clients);
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
                                                 RandomnessPort randomness, JwtAccessTokenPort jwts, Clock clock) {
        return new GrantTokensService(policy, new Policies(policies, configured), new TokenLifecycle(store),
                authenticate,
                new PresentedCredentials(store.loads(), jwts), store.loads(), accounts, randomness, jwts,
                new TokenValidity(accounts, partners), clock);
    }

    public static IntrospectTokenUseCase introspectToken(TokenStore store, LoadAccountPort accounts,
                                                         LoadPartnerPort partners, JwtAccessTokenPort jwts,
                                                         Clock clock) {
        return new IntrospectTokenService(new PresentedCredentials(store.loads(), jwts), store.loads(),
                new TokenValidity(accounts, partners), new TokenLifecycle(store), clock);
    }

    public static InspectTokenUseCase inspectToken(LoadTokenPort tokens, LoadAccountPort accounts,
                                                   LoadPartnerPort partners, JwtAccessTokenPort jwts, Clock clock) {
        return new InspectTokenService(new TokenDetailsReader(tokens, clock), new PresentedCredentials(tokens, jwts),
                accounts, new TokenValidity(accounts, partners));
    }

    public static ListTokensUseCase listTokens(LoadTokenPort tokens, LoadAccountPort accounts, Clock clock) {
        return listTokensService(tokens, accounts, clock);
    }

    public static RevokeTokenUseCase revokeToken(TokenStore store, SignInSessionPort sessions,
                                                 JwtAccessTokenPort jwts, Clock clock) {
        return new RevokeTokenService(new TokenDetailsReader(store.loads(), clock),
                new PresentedCredentials(store.loads(), jwts), new TokenLifecycle(store), sessions, clock);
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

    public static AdministerAccountsUseCase administerAccounts(TokenStore store, LoadAccountPort accounts,
                                                               SaveAccountPort saveAccounts,
                                                               UpdateAccountPort updateAccounts,
                                                               DeleteAccountPort deleteAccounts,
                                                               SignInSessionPort sessions,
                                                               LoadPartnerPort partners, LoadClientPort clients,
                                                               PasswordHasherPort hasher,
                                                               RandomnessPort randomness, LoginLimitPort loginLimits,
                                                               Clock clock) {
        return new AdministerAccountsService(accounts, saveAccounts, updateAccounts, partners, hasher, randomness,
                loginLimits, new TokenLifecycle(store), store.audit(), deleteAccounts, clients, store.loads(), sessions,
                clock);
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

    private static ListTokensService listTokensService(LoadTokenPort tokens, LoadAccountPort accounts, Clock clock) {
        return new ListTokensService(tokens, accounts, new TokenDetailsReader(tokens, clock), clock);
    }
}
