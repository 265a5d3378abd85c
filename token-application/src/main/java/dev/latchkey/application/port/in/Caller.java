package dev.latchkey.application.port.in;

import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.Actor;
import dev.latchkey.domain.Expiry;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.TokenId;
import dev.latchkey.domain.Username;
import java.util.Objects;
import java.util.Optional;

/**
 * Who is making a request, as established by {@link AuthenticateUseCase}: an account, and the token it presented
 * if it authenticated with one rather than with its password.
 */
public record Caller(AccountId accountId, Username username, Role role, Optional<PresentedToken> presented) {

    public Caller {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(presented, "presented");
    }

    /** The id no account has: the operator's, a nil UUID, never a random one. */
    private static final AccountId OPERATOR = new AccountId(new java.util.UUID(0L, 0L));

    /**
     * The operator at the command line: an administrator with no account, who works on the store directly (the
     * command line is run by whoever may read its configuration, database credentials included).
     */
    public static Caller operator() {
        return new Caller(OPERATOR, Username.of("operator"), Role.ADMIN, Optional.empty());
    }

    /**
     * Whether this caller may administer: other accounts, clients, partners, policies and the audit trail. The
     * operator at the command line is one.
     */
    public boolean isAdministrator() {
        return role == Role.ADMIN;
    }

    /**
     * The guard every administration use case passes first: this caller, if an administrator; otherwise a
     * {@link NotAnAdministratorException}, before anything is read or changed.
     */
    public Caller requireAdministrator() {
        if (!isAdministrator()) {
            throw new NotAnAdministratorException();
        }
        return this;
    }

    /** Who the audit trail says made a change this caller asked for. */
    public Actor actor() {
        return accountId.equals(OPERATOR) ? Actor.operator() : Actor.account(accountId);
    }

    public static Caller byPassword(AccountId accountId, Username username, Role role) {
        return new Caller(accountId, username, role, Optional.empty());
    }

    public static Caller byToken(AccountId accountId, Username username, Role role, TokenId token, Expiry expiry) {
        return new Caller(accountId, username, role, Optional.of(new PresentedToken(token, expiry)));
    }

    public Optional<TokenId> presentedToken() {
        return presented.map(PresentedToken::id);
    }

    /** The token a caller authenticated with, and when it expires (clients are told, to renew in time). */
    public record PresentedToken(TokenId id, Expiry expiry) {
        public PresentedToken {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(expiry, "expiry");
        }
    }
}
