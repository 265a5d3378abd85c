package dev.latchkey.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When each key that signs JWT access tokens signs, and how long resource servers can find it, so that a rotation
 * never breaks verification:
 * <ul>
 *   <li>a key signs from its activation until the next key's activation;</li>
 *   <li>a new key is published before it activates (from the moment it is made), so that resource servers caching
 *       the key set have it before the first token it signs reaches them;</li>
 *   <li>an old key stays published until every token it signed has expired: its successor's activation plus the
 *       longest lifetime a signed token has.</li>
 * </ul>
 */
public final class SigningKeySchedule {

    /** A signing key by its id and the instant it starts signing. */
    public record Version(String kid, Instant activatesAt) {
        public Version {
            Objects.requireNonNull(kid, "kid");
            Objects.requireNonNull(activatesAt, "activatesAt");
        }
    }

    private final List<Version> byActivation;
    private final Duration longestTokenLifetime;

    public SigningKeySchedule(List<Version> keys, Duration longestTokenLifetime) {
        this.byActivation = keys.stream().sorted(Comparator.comparing(Version::activatesAt)
                .thenComparing(Version::kid)).toList();
        this.longestTokenLifetime = Objects.requireNonNull(longestTokenLifetime, "longestTokenLifetime");
        if (longestTokenLifetime.isNegative()) {
            throw new IllegalArgumentException("a token lifetime is not negative");
        }
    }

    /** The key that signs at {@code now}: the one activated last, at or before it. */
    public Optional<Version> signingAt(Instant now) {
        Version signing = null;
        for (Version key : byActivation) {
            if (!key.activatesAt().isAfter(now)) {
                signing = key;
            }
        }
        return Optional.ofNullable(signing);
    }

    /** The keys resource servers must find at {@code now}: those to come, the signing one, and retired ones in use. */
    public List<Version> publishedAt(Instant now) {
        List<Version> published = new ArrayList<>();
        for (int i = 0; i < byActivation.size(); i++) {
            if (i + 1 == byActivation.size() || now.isBefore(retiredUntil(byActivation.get(i + 1)))) {
                published.add(byActivation.get(i));
            }
        }
        return published;
    }

    /** Keys no longer published: no token they signed can still be valid, so they may be deleted. */
    public List<Version> removableAt(Instant now) {
        List<Version> published = publishedAt(now);
        return byActivation.stream().filter(key -> !published.contains(key)).toList();
    }

    /**
     * Whether a new key should be made now: there is no key, or the signing key has signed for {@code period} and
     * no successor is on its way.
     */
    public boolean needsRotationAt(Instant now, Duration period) {
        Optional<Version> signing = signingAt(now);
        boolean successorPending = byActivation.stream().anyMatch(key -> key.activatesAt().isAfter(now));
        if (successorPending) {
            return false;
        }
        return signing.isEmpty() || !now.isBefore(signing.get().activatesAt().plus(period));
    }

    private Instant retiredUntil(Version successor) {
        return successor.activatesAt().plus(longestTokenLifetime);
    }
}
