package dev.latchkey.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The instant a token stops being valid, or never. */
public sealed interface Expiry permits Expiry.At, Expiry.Never {

    static Expiry at(Instant instant) {
        return new At(instant);
    }

    static Expiry never() {
        return Never.INSTANCE;
    }

    static Expiry ofNullable(Instant instantOrNull) {
        return instantOrNull == null ? never() : at(instantOrNull);
    }

    /** The earlier of two expiries; never is later than any instant. */
    static Expiry earliest(Expiry first, Expiry second) {
        return first.isLaterThan(second) ? second : first;
    }

    boolean isReachedAt(Instant now);

    boolean isLaterThan(Expiry other);

    /** The instant, or empty for never. */
    Optional<Instant> instant();

    /** Expires at this moment. */
    record At(Instant moment) implements Expiry {
        public At {
            Objects.requireNonNull(moment, "moment");
        }

        @Override
        public boolean isReachedAt(Instant now) {
            return !now.isBefore(moment);
        }

        @Override
        public boolean isLaterThan(Expiry other) {
            return other instanceof At at && moment.isAfter(at.moment);
        }

        @Override
        public Optional<Instant> instant() {
            return Optional.of(moment);
        }
    }

    /** Never expires. */
    record Never() implements Expiry {
        private static final Never INSTANCE = new Never();

        @Override
        public boolean isReachedAt(Instant now) {
            return false;
        }

        @Override
        public boolean isLaterThan(Expiry other) {
            return other instanceof At;
        }

        @Override
        public Optional<Instant> instant() {
            return Optional.empty();
        }
    }
}
