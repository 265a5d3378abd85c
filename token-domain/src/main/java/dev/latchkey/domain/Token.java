package dev.latchkey.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A token: the stored facts about one bearer credential. It holds the hash of its secret, never the secret.
 *
 * <p>Instances are immutable. A transition ({@link #use}, {@link #revoke}) returns an outcome holding the new
 * state and the event that records it, or says why nothing changed; it never throws for an expected outcome.
 * Status is derived from the facts and an instant, so a token expires without anyone writing to it.
 */
public final class Token {

    private final TokenId id;
    private final AccountId owner;
    private final TokenKind kind;
    private final TokenDescription description;
    private final Scopes scopes;
    private final Instant createdAt;
    private final Expiry expiry;
    private final Instant lastUsedAt;
    private final Revocation revocation;
    private final SecretHash secretHash;

    private Token(TokenId id, AccountId owner, TokenKind kind, TokenDescription description, Scopes scopes,
                  Instant createdAt, Expiry expiry, Instant lastUsedAt, Revocation revocation, SecretHash secretHash) {
        this.id = Objects.requireNonNull(id, "id");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.description = Objects.requireNonNull(description, "description");
        this.scopes = Objects.requireNonNull(scopes, "scopes");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.expiry = Objects.requireNonNull(expiry, "expiry");
        this.secretHash = Objects.requireNonNull(secretHash, "secretHash");
        this.lastUsedAt = lastUsedAt;
        this.revocation = revocation;
        if (expiry instanceof Expiry.At at && !at.moment().isAfter(createdAt)) {
            throw new IllegalArgumentException("a token must expire after it is created");
        }
    }

    /** Issues a new token for {@code secret}; the result carries the secret so that it can be shown once. */
    public static Issuance issue(TokenId id, AccountId owner, TokenKind kind, TokenDescription description,
                                 Scopes scopes, Instant issuedAt, Expiry expiry, TokenSecret secret) {
        Token token = new Token(id, owner, kind, description, scopes, issuedAt, expiry, null, null, secret.hash());
        return new Issuance(token, secret, new TokenIssued(id, owner, kind, expiry, issuedAt));
    }

    /** Rebuilds a token from stored facts; for repositories only. */
    public static Token restore(TokenId id, AccountId owner, TokenKind kind, TokenDescription description,
                                Scopes scopes, Instant createdAt, Expiry expiry, Instant lastUsedAtOrNull,
                                Revocation revocationOrNull, SecretHash secretHash) {
        return new Token(id, owner, kind, description, scopes, createdAt, expiry, lastUsedAtOrNull,
                revocationOrNull, secretHash);
    }

    public TokenStatus statusAt(Instant now) {
        if (revocation != null) {
            return new TokenStatus.Revoked(revocation);
        }
        if (expiry.isReachedAt(now)) {
            return new TokenStatus.Expired(expiry.instant().orElseThrow());
        }
        return new TokenStatus.Active();
    }

    public boolean isActiveAt(Instant now) {
        return statusAt(now) instanceof TokenStatus.Active;
    }

    /**
     * Records a use at {@code at}. Only an active token can be used. {@code lastUsedAt} never moves backwards, even
     * when uses are recorded out of order.
     */
    public UseOutcome use(Instant at) {
        TokenStatus status = statusAt(at);
        if (!(status instanceof TokenStatus.Active)) {
            return new UseOutcome.Refused(status);
        }
        Instant latest = lastUsedAt != null && lastUsedAt.isAfter(at) ? lastUsedAt : at;
        Token used = new Token(id, owner, kind, description, scopes, createdAt, expiry, latest, revocation,
                secretHash);
        return new UseOutcome.Used(used, new TokenUsed(id, at));
    }

    /** Revokes the token. Revoking twice changes nothing; an expired token can still be revoked; nothing un-revokes. */
    public RevocationOutcome revoke(Instant at, RevocationReason reason) {
        if (revocation != null) {
            return new RevocationOutcome.AlreadyRevoked(this);
        }
        Revocation recorded = new Revocation(at, reason);
        Token revoked = new Token(id, owner, kind, description, scopes, createdAt, expiry, lastUsedAt, recorded,
                secretHash);
        return new RevocationOutcome.Revoked(revoked, new TokenRevoked(id, owner, reason, at));
    }

    /**
     * Whether this token, used as the credential to issue another, may hand on {@code requestedScopes} until
     * {@code requestedExpiry}: a token cannot grant a scope it lacks or a life longer than its own, so a leaked
     * short-lived token cannot be turned into a permanent one.
     */
    public Delegation delegate(Scopes requestedScopes, Expiry requestedExpiry) {
        if (!scopes.containsAll(requestedScopes)) {
            return new Delegation.Refused("the presenting token cannot grant scopes it does not carry itself");
        }
        if (requestedExpiry.isLaterThan(expiry)) {
            return new Delegation.Refused("the presenting token cannot issue a token that outlives it");
        }
        return new Delegation.Permitted();
    }

    public boolean isOwnedBy(AccountId account) {
        return owner.equals(account);
    }

    /** Constant-time check that {@code candidate} is this token's secret hash. */
    public boolean hasSecretHash(SecretHash candidate) {
        return secretHash.matches(candidate);
    }

    public TokenId id() {
        return id;
    }

    public AccountId owner() {
        return owner;
    }

    public TokenKind kind() {
        return kind;
    }

    public TokenDescription description() {
        return description;
    }

    public Scopes scopes() {
        return scopes;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Expiry expiry() {
        return expiry;
    }

    public Optional<Instant> lastUsedAt() {
        return Optional.ofNullable(lastUsedAt);
    }

    public Optional<Revocation> revocation() {
        return Optional.ofNullable(revocation);
    }

    public SecretHash secretHash() {
        return secretHash;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Token that
                && id.equals(that.id) && owner.equals(that.owner) && kind == that.kind
                && description.equals(that.description) && scopes.equals(that.scopes)
                && createdAt.equals(that.createdAt) && expiry.equals(that.expiry)
                && Objects.equals(lastUsedAt, that.lastUsedAt) && Objects.equals(revocation, that.revocation)
                && secretHash.equals(that.secretHash);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "Token[id=" + id + ", kind=" + kind + ", owner=" + owner + ", expiry=" + expiry
                + ", revoked=" + (revocation != null) + "]";
    }

    /** A freshly issued token with its secret, which exists nowhere else. */
    public record Issuance(Token token, TokenSecret secret, TokenIssued event) {
        public Issuance {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(event, "event");
        }
    }

    public sealed interface UseOutcome {
        record Used(Token token, TokenUsed event) implements UseOutcome {
        }

        record Refused(TokenStatus status) implements UseOutcome {
        }
    }

    public sealed interface RevocationOutcome {
        record Revoked(Token token, TokenRevoked event) implements RevocationOutcome {
        }

        record AlreadyRevoked(Token token) implements RevocationOutcome {
        }
    }

    public sealed interface Delegation {
        record Permitted() implements Delegation {
        }

        record Refused(String reason) implements Delegation {
        }
    }
}
