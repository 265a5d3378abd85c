package dev.latchkey.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * When owners hear that a token is about to expire, and that it has (issue 25): a {@code token.expiring} event as the
 * token's expiry comes within each warning threshold, and a {@code token.expired} event when it is reached.
 *
 * <p>Only credentials a person keeps are announced: a refresh token's expiry is its client's business, and the
 * access tokens a client gets for a service account or a grant are left out when they live less than a day, since
 * such a client gets a new one long before anybody could act on a notice. A token whose whole lifetime is shorter
 * than a threshold is not warned at that threshold: it was born inside it.
 */
public final class ExpiryNotices {

    /** A client's tokens that live less than this are left out. */
    public static final Duration SHORTEST_ANNOUNCED_CLIENT_TOKEN = Duration.ofDays(1);
    /** The most thresholds one installation may set. */
    public static final int MAX_WARNINGS = 8;
    /** The longest threshold: a warning more than a year ahead warns of nothing. */
    public static final Duration LONGEST_WARNING = Duration.ofDays(366);
    /** The expiry itself, as a threshold: the scan that reaches it announces {@code token.expired}. */
    public static final Duration AT_EXPIRY = Duration.ZERO;

    private final List<Duration> warnings;

    private ExpiryNotices(List<Duration> warnings) {
        this.warnings = warnings;
    }

    /**
     * The thresholds, checked: each positive, at most {@link #LONGEST_WARNING} and whole seconds, at most
     * {@link #MAX_WARNINGS} of them; duplicates count once. None turns the warnings off, not the expiry events.
     */
    public static ExpiryNotices warningAt(List<Duration> thresholds) {
        List<Duration> distinct = new ArrayList<>();
        for (Duration threshold : thresholds) {
            if (threshold == null || threshold.isNegative() || threshold.isZero()
                    || threshold.compareTo(LONGEST_WARNING) > 0 || threshold.getNano() != 0) {
                throw new InvalidValueException("expiry-warnings",
                        "each warning is a whole number of seconds, more than none and at most 366 days: " + threshold);
            }
            if (!distinct.contains(threshold)) {
                distinct.add(threshold);
            }
        }
        if (distinct.size() > MAX_WARNINGS) {
            throw new InvalidValueException("expiry-warnings", "at most " + MAX_WARNINGS + " warnings");
        }
        distinct.sort(Comparator.reverseOrder());
        return new ExpiryNotices(List.copyOf(distinct));
    }

    /** The warning thresholds, the widest first. */
    public List<Duration> warnings() {
        return warnings;
    }

    /** Every threshold a scan follows: the warnings, the widest first, then the expiry itself. */
    public List<Duration> thresholds() {
        List<Duration> all = new ArrayList<>(warnings);
        all.add(AT_EXPIRY);
        return List.copyOf(all);
    }

    /** Whether the token's expiry is announced at all. */
    public static boolean announces(Token token) {
        Optional<Instant> expiresAt = token.expiry().instant();
        if (expiresAt.isEmpty() || token.kind() == TokenKind.REFRESH) {
            return false;
        }
        boolean shortLivedForAClient = token.client().isPresent()
                && Duration.between(token.createdAt(), expiresAt.get()).compareTo(SHORTEST_ANNOUNCED_CLIENT_TOKEN) < 0;
        return !shortLivedForAClient;
    }

    /**
     * The event that announces the token's crossing of a threshold, found by a scan at {@code now}; empty when there is
     * nothing to announce: the token is not one announced, it no longer counts (revoked, spent, or for a warning
     * already expired), it was born inside the threshold, or it is inside a narrower warning too, whose scan warns of
     * it (a scan that fell behind warns once, at the narrowest threshold passed).
     */
    public Optional<AuditEvent> announcement(Token token, Duration threshold, Instant now) {
        if (!announces(token)) {
            return Optional.empty();
        }
        Instant expiresAt = token.expiry().instant().orElseThrow();
        if (threshold.isZero()) {
            // Expired while still in force: not revoked or spent before its end came.
            boolean endedSooner = token.consumedAt().isPresent()
                    || token.revocation().filter(revocation -> revocation.at().isBefore(expiresAt)).isPresent();
            return endedSooner || expiresAt.isAfter(now) ? Optional.empty()
                    : Optional.of(AuditEvent.of(now, AuditEventType.TOKEN_EXPIRED, Actor.system(),
                            Optional.of(token.owner()), Optional.of(token.id()), "expires=" + expiresAt));
        }
        boolean bornInside = Duration.between(token.createdAt(), expiresAt).compareTo(threshold) <= 0;
        boolean insideANarrowerWarning = warnings.stream().anyMatch(narrower -> narrower.compareTo(threshold) < 0
                && !expiresAt.isAfter(now.plus(narrower)) && Duration.between(token.createdAt(), expiresAt)
                .compareTo(narrower) > 0);
        if (bornInside || insideANarrowerWarning || !token.isActiveAt(now) || token.revocation().isPresent()) {
            return Optional.empty();
        }
        return Optional.of(AuditEvent.of(now, AuditEventType.TOKEN_EXPIRING, Actor.system(),
                Optional.of(token.owner()), Optional.of(token.id()),
                "warning=" + describe(threshold) + " expires=" + expiresAt));
    }

    /** A threshold as people write it: {@code 7d}, {@code 12h}, {@code 90m}, {@code 45s}. */
    public static String describe(Duration threshold) {
        long seconds = threshold.getSeconds();
        if (seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }
}
