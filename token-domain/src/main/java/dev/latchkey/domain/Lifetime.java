package dev.latchkey.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long a token lives from the moment it is issued: a positive duration, or never expiring.
 *
 * <p>Finite lifetimes are capped at {@link #LONGEST_FINITE} so that expiry arithmetic can never overflow, whatever
 * a client sends; a policy then applies its own, usually much smaller, maximum.
 */
public sealed interface Lifetime permits Lifetime.Finite, Lifetime.Never {

    /** The number of seconds that, on the wire, stands for a lifetime that never ends. */
    long NEVER_IN_SECONDS = -1;
    /** One hundred years: longer than any credential should live, far from {@link Instant#MAX}. */
    Duration LONGEST_FINITE = Duration.ofDays(36_525);

    static Lifetime of(Duration duration) {
        return new Finite(duration);
    }

    static Lifetime never() {
        return Never.INSTANCE;
    }

    /** The wire form: positive seconds, or {@value #NEVER_IN_SECONDS} for never. Everything else is rejected. */
    static Lifetime fromSeconds(long seconds) {
        if (seconds == NEVER_IN_SECONDS) {
            return never();
        }
        if (seconds <= 0) {
            throw new InvalidValueException("lifetimeSeconds",
                    "must be a positive number of seconds, or -1 for a token that never expires");
        }
        if (seconds > LONGEST_FINITE.getSeconds()) {
            throw new InvalidValueException("lifetimeSeconds",
                    "must be at most " + LONGEST_FINITE.getSeconds() + " seconds, or -1 for never");
        }
        return of(Duration.ofSeconds(seconds));
    }

    /** When a token issued at {@code issuedAt} with this lifetime expires. */
    Expiry expiryFrom(Instant issuedAt);

    /** The wire form; the inverse of {@link #fromSeconds(long)}. */
    long toSeconds();

    /** A positive duration, at most {@link Lifetime#LONGEST_FINITE}. */
    record Finite(Duration duration) implements Lifetime {
        public Finite {
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative() || duration.isZero()) {
                throw new InvalidValueException("lifetime", "must be positive");
            }
            if (duration.compareTo(LONGEST_FINITE) > 0) {
                throw new InvalidValueException("lifetime", "must be at most " + LONGEST_FINITE.toDays() + " days");
            }
        }

        @Override
        public Expiry expiryFrom(Instant issuedAt) {
            return Expiry.at(issuedAt.plus(duration));
        }

        @Override
        public long toSeconds() {
            return duration.getSeconds();
        }
    }

    /** A singleton in effect: the record has no state, and {@link #never()} always returns the same instance. */
    record Never() implements Lifetime {
        private static final Never INSTANCE = new Never();

        @Override
        public Expiry expiryFrom(Instant issuedAt) {
            return Expiry.never();
        }

        @Override
        public long toSeconds() {
            return NEVER_IN_SECONDS;
        }
    }
}
