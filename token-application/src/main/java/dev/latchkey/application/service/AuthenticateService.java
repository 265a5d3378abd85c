package dev.latchkey.application.service;

import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.TooManyLoginAttemptsException;
import dev.latchkey.application.port.out.CapacityExhaustedException;
import dev.latchkey.application.port.out.LoadAccountPort;
import dev.latchkey.application.port.out.LoginAuditPort;
import dev.latchkey.application.port.out.LoginLimitPort;
import dev.latchkey.application.port.out.PasswordHasherPort;
import dev.latchkey.application.port.out.ProofReplayPort;
import dev.latchkey.application.port.out.RecordAuditEventPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.Actor;
import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.InvalidValueException;
import dev.latchkey.domain.Password;
import dev.latchkey.domain.PasswordHash;
import dev.latchkey.domain.ProofUse;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.Username;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

final class AuthenticateService implements AuthenticateUseCase {

    private final LoadAccountPort accounts;
    private final TokenValidity validity;
    private final PresentedCredentials credentials;
    private final TokenLifecycle lifecycle;
    private final PasswordHasherPort hasher;
    private final ProofReplayPort proofs;
    private final Clock clock;
    private final LoginLimitPort limits;
    private final LoginAuditPort audit;
    private final RecordAuditEventPort trail;
    private final PasswordHash decoyHash;

    AuthenticateService(LoadAccountPort accounts, TokenValidity validity, PresentedCredentials credentials,
                        TokenLifecycle lifecycle, PasswordHasherPort hasher, LoginLimitPort limits,
                        LoginAuditPort audit, RecordAuditEventPort trail, ProofReplayPort proofs, Clock clock,
                        PasswordHash decoyHash) {
        this.decoyHash = decoyHash;
        this.proofs = proofs;
        this.accounts = accounts;
        this.limits = limits;
        this.audit = audit;
        this.trail = trail;
        this.validity = validity;
        this.credentials = credentials;
        this.lifecycle = lifecycle;
        this.hasher = hasher;
        this.clock = clock;
    }

    @Override
    public Outcome authenticate(PasswordCredentials credentials) {
        String usernameKey = usernameKey(credentials.username());
        // A saturated hasher refuses before the allowances are touched: the flood's excess costs no database work.
        hasher.refuseIfSaturated();
        if (limits.admit(usernameKey, credentials.address()) instanceof LoginLimitPort.Admission.Refused refused) {
            audit.limited(credentials.username(), credentials.address(), refused.retryAfter());
            trail.count(AuditEvent.of(clock.instant(), AuditEventType.LOGIN_LIMITED,
                    Actor.anonymous(credentials.address()), Optional.empty(), Optional.empty(),
                    "username=" + AuditText.printable(credentials.username(), 64)));
            throw new TooManyLoginAttemptsException(refused.retryAfter());
        }
        Outcome outcome;
        try {
            outcome = checkPassword(credentials);
        } catch (CapacityExhaustedException refusedUnchecked) {
            // Refused for overload before the password was looked at: no guess was made, so none is counted.
            limits.giveBack(usernameKey, credentials.address());
            throw refusedUnchecked;
        }
        if (outcome instanceof Outcome.Refused refusal) {
            audit.refused(credentials.username(), credentials.address(), refusal.reason());
        } else {
            limits.giveBack(usernameKey, credentials.address());
        }
        return outcome;
    }

    /**
     * The form in which every spelling of a username counts against one allowance: usernames compare without case.
     * Derived from the text as presented, not from an account, so that unknown usernames are limited alike.
     */
    static String usernameKey(String presented) {
        return Username.canonical(presented);
    }

    private Outcome checkPassword(PasswordCredentials credentials) {
        Optional<Username> username = Username.parse(credentials.username());
        Optional<Password> password = parse(() -> Password.presented(credentials.password()));
        Optional<Account> account = username.flatMap(accounts::loadByUsername);
        Outcome outcome;
        if (account.isEmpty() || password.isEmpty()) {
            // Spend the same hashing time as a real check, so that response times do not reveal which usernames exist.
            hasher.matches(password.orElseGet(() -> Password.presented("-")), decoyHash);
            outcome = new Outcome.Refused(Reason.BAD_CREDENTIALS);
        } else if (!hasher.matches(password.get(), account.get().passwordHash())) {
            outcome = new Outcome.Refused(Reason.BAD_CREDENTIALS);
        } else {
            outcome = authenticated(account.get(), Optional.empty());
        }
        if (outcome instanceof Outcome.Refused refusal) {
            // Named by account where one has the username, so that an account's trail shows who tried it.
            trail.count(AuditEvent.of(clock.instant(), AuditEventType.LOGIN_FAILED,
                    Actor.anonymous(credentials.address()), account.map(Account::id), Optional.empty(),
                    "username=" + AuditText.printable(credentials.username(), 64) + " reason=" + refusal.reason()));
        }
        return outcome;
    }

    @Override
    public Outcome authenticate(PresentedToken presented) {
        Optional<Token> found = credentials.find(presented.value());
        if (found.isEmpty()) {
            return refused(presented, Optional.empty(), credentials.isWellFormed(presented.value())
                    ? Reason.UNKNOWN_TOKEN : Reason.MALFORMED_TOKEN);
        }
        Token token = found.get();
        if (!token.kind().authenticatesApiCalls()) {
            return refused(presented, found, Reason.TOKEN_NOT_FOR_API_CALLS);
        }
        Instant now = clock.instant();
        TokenValidity.Verdict verdict = validity.check(token, now);
        if (verdict instanceof TokenValidity.Verdict.Inactive inactive) {
            return refused(presented, found, inactive.reason());
        }
        Account owner = ((TokenValidity.Verdict.Active) verdict).owner();
        Optional<Reason> unproven = possessionRefusal(token, presented.possession());
        if (unproven.isPresent()) {
            return refused(presented, found, unproven.get());
        }
        if (!(token.use(now) instanceof Token.UseOutcome.Used used)) {
            return refused(presented, found, Reason.TOKEN_REVOKED);
        }
        lifecycle.recordUse(used);
        return authenticated(owner, Optional.of(token));
    }

    /**
     * Why the token's binding refuses this presentation, if it does (RFC 9449 section 7): a bound token needs a proof
     * by its key, used once, recorded last (ADR 19); a bearer token takes no proof.
     */
    private Optional<Reason> possessionRefusal(Token token, Optional<Possession> possession) {
        if (token.proofKey().isEmpty()) {
            return possession.isPresent() ? Optional.of(Reason.TOKEN_NOT_BOUND) : Optional.empty();
        }
        if (possession.filter(proof -> proof.key().equals(token.proofKey().get())).isEmpty()) {
            return Optional.of(Reason.PROOF_REQUIRED);
        }
        Possession proof = possession.get();
        return proofs.firstUse(new ProofUse(ProofUse.Kind.DPOP_PROOF, proof.key().value(), proof.jti(),
                proof.usableUntil())) ? Optional.empty() : Optional.of(Reason.PROOF_REPLAYED);
    }

    @Override
    public Outcome confirm(AccountId account, String passwordStamp) {
        return accounts.loadById(account)
                .filter(found -> found.passwordHash().stamp().equals(passwordStamp))
                .map(found -> authenticated(found, Optional.empty()))
                .orElseGet(() -> new Outcome.Refused(Reason.BAD_CREDENTIALS));
    }

    /** A refused token goes into the audit trail by its {@link AuditText#fingerprint}. */
    private Outcome refused(PresentedToken presented, Optional<Token> token, Reason reason) {
        trail.count(AuditEvent.of(clock.instant(), AuditEventType.TOKEN_REFUSED,
                Actor.anonymous(presented.address()),
                token.map(Token::owner), token.map(Token::id), "fingerprint="
                        + AuditText.fingerprint(presented.value()) + " reason=" + reason));
        return new Outcome.Refused(reason);
    }

    private Outcome authenticated(Account account, Optional<Token> presentedToken) {
        if (!account.enabled()) {
            return new Outcome.Refused(Reason.ACCOUNT_DISABLED);
        }
        return new Outcome.Authenticated(presentedToken
                .map(token -> Caller.byToken(account.id(), account.username(), account.role(), token.id(),
                        token.expiry()))
                .orElseGet(() -> Caller.byPassword(account.id(), account.username(), account.role())),
                account.passwordHash().stamp());
    }

    private static <T> Optional<T> parse(java.util.function.Supplier<T> parser) {
        try {
            return Optional.of(parser.get());
        } catch (InvalidValueException malformed) {
            return Optional.empty();
        }
    }
}
