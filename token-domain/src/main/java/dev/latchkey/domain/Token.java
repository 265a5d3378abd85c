package dev.latchkey.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A token: the stored facts about one bearer credential. It holds the hash of its credential, never the credential.
 *
 * <p>What a token is ({@link TokenAttributes}) is fixed at issue. What happens to it afterwards is three facts, each
 * of which only ever moves one way: {@code lastUsedAt} forward, the revocation from none to recorded (a rotation's
 * revocation may be scheduled at the end of an overlap and brought forward, never pushed back or undone), and, for a
 * refresh token, its single consumption.
 *
 * <p>Instances are immutable. A transition returns an outcome holding the new state and the event that records it,
 * or says why nothing changed; it never throws for an expected outcome. Status is derived from the facts and an
 * instant, so a token expires, or a scheduled revocation takes effect, without anyone writing to it.
 */
public final class Token {

    private final TokenAttributes attributes;
    private final Instant createdAt;
    private final SecretHash secretHash;
    private final Instant lastUsedAt;
    private final Revocation revocation;
    private final Instant consumedAt;

    private Token(TokenAttributes attributes, Instant createdAt, SecretHash secretHash, Instant lastUsedAt,
                  Revocation revocation, Instant consumedAt) {
        this.attributes = Objects.requireNonNull(attributes, "attributes");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.secretHash = Objects.requireNonNull(secretHash, "secretHash");
        this.lastUsedAt = lastUsedAt;
        this.revocation = revocation;
        this.consumedAt = consumedAt;
        if (attributes.expiry() instanceof Expiry.At at && !at.moment().isAfter(createdAt)) {
            throw new IllegalArgumentException("a token must expire after it is created");
        }
        if (consumedAt != null && attributes.kind() != TokenKind.REFRESH) {
            throw new IllegalArgumentException("only a refresh token is consumed");
        }
    }

    /**
     * Issues a new token whose credential hashes to {@code credentialHash}. The credential itself (an opaque secret
     * or a signed JWT) stays with the caller, to be shown once.
     */
    public static Issued issue(TokenAttributes attributes, Instant issuedAt, SecretHash credentialHash) {
        Token token = new Token(attributes, issuedAt, credentialHash, null, null, null);
        return new Issued(token, new TokenIssued(attributes.id(), attributes.owner(), attributes.kind(),
                attributes.expiry(), issuedAt));
    }

    /** Rebuilds a token from stored facts; for repositories only. */
    public static Token restore(TokenAttributes attributes, Instant createdAt, SecretHash secretHash,
                                Instant lastUsedAtOrNull, Revocation revocationOrNull, Instant consumedAtOrNull) {
        return new Token(attributes, createdAt, secretHash, lastUsedAtOrNull, revocationOrNull, consumedAtOrNull);
    }

    public TokenStatus statusAt(Instant now) {
        if (revocation != null && !now.isBefore(revocation.at())) {
            return new TokenStatus.Revoked(revocation);
        }
        if (consumedAt != null) {
            return new TokenStatus.Consumed(consumedAt);
        }
        if (attributes.expiry().isReachedAt(now)) {
            return new TokenStatus.Expired(attributes.expiry().instant().orElseThrow());
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
        return new UseOutcome.Used(new Token(attributes, createdAt, secretHash, latest, revocation, consumedAt),
                new TokenUsed(id(), owner(), at));
    }

    /**
     * Revokes the token with effect from {@code effectiveAt}: now, or later for a rotation's scheduled revocation.
     * A recorded revocation stands, except that a scheduled one is brought forward by an earlier one (see
     * {@link Revocation#yieldsTo}). Nothing un-revokes, and an expired token can still be revoked.
     */
    public RevocationOutcome revoke(Instant effectiveAt, RevocationReason reason) {
        Revocation recorded = new Revocation(effectiveAt, reason);
        if (revocation != null && !revocation.yieldsTo(recorded)) {
            return new RevocationOutcome.AlreadyRevoked(this);
        }
        Token revoked = new Token(attributes, createdAt, secretHash, lastUsedAt, recorded, consumedAt);
        return new RevocationOutcome.Revoked(revoked, new TokenRevoked(id(), owner(), reason, effectiveAt));
    }

    /** Whether {@link #rotate} would rotate this token at {@code now}: what a page asks before it offers to. */
    public boolean mayRotateAt(Instant now) {
        return rotationRefusalAt(now).isEmpty();
    }

    /** Why {@link #rotate} would refuse this token at {@code now}; empty when it would rotate it. */
    public Optional<String> rotationRefusalAt(Instant now) {
        if (attributes.kind() != TokenKind.PERSONAL) {
            return Optional.of("only personal tokens are rotated; grants renew with their refresh token");
        }
        if (revocation != null) {
            return Optional.of("the token is revoked or already rotated");
        }
        if (!isActiveAt(now)) {
            return Optional.of("the token has expired");
        }
        return Optional.empty();
    }

    /**
     * Replaces this token with a new one with the same owner, description and scopes. This one stays valid for
     * {@code overlap}, so that whoever uses it can switch, and is revoked at its end. Only an active personal token
     * with no revocation recorded, not even a scheduled one, is rotated: grants renew with their refresh token, and a
     * token rotated once already has its successor.
     */
    public RotationOutcome rotate(Instant now, Duration overlap, TokenId replacementId, Expiry replacementExpiry,
                                  SecretHash replacementHash) {
        return rotate(now, overlap, replacementId, replacementExpiry, replacementHash, delegator());
    }

    /**
     * Rotates as above, the replacement made the delegate of {@code replacementDelegator}: another token that rotates
     * this one makes the replacement, so it ends with that token, as any token it makes does.
     */
    public RotationOutcome rotate(Instant now, Duration overlap, TokenId replacementId, Expiry replacementExpiry,
                                  SecretHash replacementHash, Optional<TokenId> replacementDelegator) {
        if (overlap.isNegative()) {
            throw new IllegalArgumentException("an overlap cannot be negative");
        }
        Optional<String> refusal = rotationRefusalAt(now);
        if (refusal.isPresent()) {
            return new RotationOutcome.Refused(refusal.get());
        }
        Issued replacement = issue(attributes.withId(replacementId).withExpiry(replacementExpiry)
                .withDelegator(replacementDelegator), now, replacementHash);
        Instant retiresAt = now.plus(overlap);
        Token retiring = new Token(attributes, createdAt, secretHash, lastUsedAt,
                new Revocation(retiresAt, RevocationReason.ROTATED), consumedAt);
        return new RotationOutcome.Rotated(retiring, replacement,
                new TokenRotated(id(), owner(), replacementId, retiresAt, now));
    }

    /** How long this token was issued to live: what its replacement gets again when it is rotated. */
    public Lifetime lifetime() {
        return attributes.expiry() instanceof Expiry.At at
                ? Lifetime.of(Duration.between(createdAt, at.moment())) : Lifetime.never();
    }

    /** Spends a refresh token, which can be exchanged once only. */
    public ConsumptionOutcome consume(Instant at) {
        if (attributes.kind() != TokenKind.REFRESH) {
            return new ConsumptionOutcome.NotARefreshToken();
        }
        TokenStatus status = statusAt(at);
        if (status instanceof TokenStatus.Consumed) {
            return new ConsumptionOutcome.AlreadyConsumed(this);
        }
        if (!(status instanceof TokenStatus.Active)) {
            return new ConsumptionOutcome.Refused(status);
        }
        return new ConsumptionOutcome.Consumed(new Token(attributes, createdAt, secretHash, lastUsedAt, revocation, at),
                new TokenRefreshed(id(), owner(), at));
    }

    /**
     * Whether this token, used as the credential to issue another, may hand on {@code requestedScopes} until
     * {@code requestedExpiry}: a token cannot grant a scope it lacks or a life longer than its own, so a leaked
     * short-lived token cannot be turned into a permanent one.
     */
    public Delegation delegate(Scopes requestedScopes, Expiry requestedExpiry) {
        if (!scopes().containsAll(requestedScopes)) {
            return new Delegation.Refused("the presenting token cannot grant scopes it does not carry itself");
        }
        if (requestedExpiry.isLaterThan(validUntil())) {
            return new Delegation.Refused("the presenting token cannot issue a token that outlives it");
        }
        return new Delegation.Permitted();
    }

    /**
     * The last moment this token can be valid, as far as is known now: its expiry, or a revocation scheduled before it
     * (the end of a rotation's overlap). What it delegates must end by then too.
     */
    public Expiry validUntil() {
        return revocation == null ? expiry() : Expiry.earliest(expiry(), Expiry.at(revocation.at()));
    }

    public boolean isOwnedBy(AccountId account) {
        return owner().equals(account);
    }

    /** Constant-time check that {@code candidate} is this token's credential hash. */
    public boolean hasSecretHash(SecretHash candidate) {
        return secretHash.matches(candidate);
    }

    public TokenAttributes attributes() {
        return attributes;
    }

    public TokenId id() {
        return attributes.id();
    }

    public AccountId owner() {
        return attributes.owner();
    }

    public TokenKind kind() {
        return attributes.kind();
    }

    public TokenDescription description() {
        return attributes.description();
    }

    public Scopes scopes() {
        return attributes.scopes();
    }

    public Expiry expiry() {
        return attributes.expiry();
    }

    public Optional<GrantId> grant() {
        return attributes.grant();
    }

    public Optional<ClientId> client() {
        return attributes.client();
    }

    /** The surface a grant's token was made through; empty outside grants, and for grants older than surfaces. */
    public Optional<GrantSurface> surface() {
        return attributes.surface();
    }

    public Optional<Audience> audience() {
        return attributes.audience();
    }

    /** The token that was presented to make this one; empty for a root. */
    public Optional<TokenId> delegator() {
        return attributes.delegator();
    }

    /** The key this token is bound to: it is accepted only with a proof signed by that key. Empty for bearer. */
    public Optional<KeyThumbprint> proofKey() {
        return attributes.proofKey();
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> lastUsedAt() {
        return Optional.ofNullable(lastUsedAt);
    }

    public Optional<Revocation> revocation() {
        return Optional.ofNullable(revocation);
    }

    public Optional<Instant> consumedAt() {
        return Optional.ofNullable(consumedAt);
    }

    public SecretHash secretHash() {
        return secretHash;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Token that
                && attributes.equals(that.attributes) && createdAt.equals(that.createdAt)
                && secretHash.equals(that.secretHash) && Objects.equals(lastUsedAt, that.lastUsedAt)
                && Objects.equals(revocation, that.revocation) && Objects.equals(consumedAt, that.consumedAt);
    }

    @Override
    public int hashCode() {
        return attributes.id().hashCode();
    }

    @Override
    public String toString() {
        return "Token[id=" + id() + ", kind=" + kind() + ", owner=" + owner() + ", expiry=" + expiry()
                + ", revoked=" + (revocation != null) + "]";
    }

    /** A freshly issued token. */
    public record Issued(Token token, TokenIssued event) {
        public Issued {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(event, "event");
        }
    }

    /** What presenting a token at an instant comes to. */
    public sealed interface UseOutcome {
        /** The token was active: it now records the use. */
        record Used(Token token, TokenUsed event) implements UseOutcome {
        }

        /** The token was not active; its status says why. */
        record Refused(TokenStatus status) implements UseOutcome {
        }
    }

    /** What revoking a token comes to. */
    public sealed interface RevocationOutcome {
        /** The token now carries the revocation. */
        record Revoked(Token token, TokenRevoked event) implements RevocationOutcome {
        }

        /** An earlier revocation stands; nothing changed. */
        record AlreadyRevoked(Token token) implements RevocationOutcome {
        }
    }

    /** What rotating a token comes to. */
    public sealed interface RotationOutcome {
        /** The old token, now with its scheduled revocation, and its successor. */
        record Rotated(Token retiring, Issued replacement, TokenRotated event) implements RotationOutcome {
        }

        /** The token cannot be rotated: it is not personal, or is expired, revoked or already rotated. */
        record Refused(String reason) implements RotationOutcome {
        }
    }

    /** What exchanging a refresh token comes to. */
    public sealed interface ConsumptionOutcome {
        /** The refresh token was exchanged, once, and is spent from now on. */
        record Consumed(Token token, TokenRefreshed event) implements ConsumptionOutcome {
        }

        /** Presented again after its one exchange: the sign of a stolen refresh token. */
        record AlreadyConsumed(Token token) implements ConsumptionOutcome {
        }

        /** The refresh token was expired or revoked; its status says which. */
        record Refused(TokenStatus status) implements ConsumptionOutcome {
        }

        /** Only refresh tokens are exchanged. */
        record NotARefreshToken() implements ConsumptionOutcome {
        }
    }

    /** Whether a token may be used to issue another token with the scopes and expiry asked for. */
    public sealed interface Delegation {
        /** The new token asks for no more than the presenting token has. */
        record Permitted() implements Delegation {
        }

        /** The new token would outlive the presenting one or carry scopes it lacks. */
        record Refused(String reason) implements Delegation {
        }
    }
}
