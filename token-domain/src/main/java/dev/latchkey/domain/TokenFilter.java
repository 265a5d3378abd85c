package dev.latchkey.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which tokens a listing shows, as of an instant: by status, by how soon they expire, by how long they have gone
 * unused, by kind. Each present criterion narrows the listing; none shows every token. This is the one definition: a
 * store may select with its own query first, but what it returns is checked here.
 *
 * @param statuses       tokens in any of these statuses; empty for every status
 * @param expiringWithin active tokens whose expiry falls within this much time (never-expiring ones never do)
 * @param unusedFor      tokens not used for at least this long: last used before then, or never used and created
 *                       before then
 * @param kind           tokens of this kind only
 */
public record TokenFilter(Set<Status> statuses, Optional<Duration> expiringWithin, Optional<Duration> unusedFor,
                          Optional<TokenKind> kind) {

    /** The statuses a listing can ask for; a spent refresh token is none of them. */
    public enum Status {
        ACTIVE,
        EXPIRED,
        REVOKED
    }

    public TokenFilter(Set<Status> statuses, Optional<Duration> expiringWithin, Optional<Duration> unusedFor) {
        this(statuses, expiringWithin, unusedFor, Optional.empty());
    }

    public TokenFilter {
        Objects.requireNonNull(kind, "kind");
        statuses = Set.copyOf(statuses);
        Objects.requireNonNull(expiringWithin, "expiringWithin");
        Objects.requireNonNull(unusedFor, "unusedFor");
        expiringWithin.ifPresent(window -> requirePositive("expiringWithin", window));
        unusedFor.ifPresent(window -> requirePositive("unusedFor", window));
    }

    public static TokenFilter none() {
        return new TokenFilter(Set.of(), Optional.empty(), Optional.empty());
    }

    /** The active personal tokens: those an issuance policy's count limits. */
    public static TokenFilter activePersonal() {
        return new TokenFilter(Set.of(Status.ACTIVE), Optional.empty(), Optional.empty(),
                Optional.of(TokenKind.PERSONAL));
    }

    /** The personal tokens not revoked, active or expired: what a platform that deletes on revocation still lists. */
    public static TokenFilter unrevokedPersonal() {
        return new TokenFilter(Set.of(Status.ACTIVE, Status.EXPIRED), Optional.empty(), Optional.empty(),
                Optional.of(TokenKind.PERSONAL));
    }

    public boolean matches(Token token, Instant now) {
        if (kind.filter(wanted -> token.kind() != wanted).isPresent()) {
            return false;
        }
        TokenStatus current = token.statusAt(now);
        if (!statuses.isEmpty() && statuses.stream().noneMatch(wanted -> hasStatus(current, wanted))) {
            return false;
        }
        if (expiringWithin.isPresent() && !(current instanceof TokenStatus.Active
                && token.expiry().instant().filter(at -> !at.isAfter(now.plus(expiringWithin.get()))).isPresent())) {
            return false;
        }
        return unusedFor.isEmpty()
                || token.lastUsedAt().orElse(token.createdAt()).isBefore(now.minus(unusedFor.get()));
    }

    private static boolean hasStatus(TokenStatus current, Status wanted) {
        return switch (wanted) {
            case ACTIVE -> current instanceof TokenStatus.Active;
            case EXPIRED -> current instanceof TokenStatus.Expired;
            case REVOKED -> current instanceof TokenStatus.Revoked;
        };
    }

    private static void requirePositive(String field, Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new InvalidValueException(field, "must be a positive duration");
        }
        if (window.compareTo(Lifetime.LONGEST_FINITE) > 0) {
            throw new InvalidValueException(field, "must be at most " + Lifetime.LONGEST_FINITE.toDays() + " days");
        }
    }
}
