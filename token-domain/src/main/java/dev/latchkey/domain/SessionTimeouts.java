package dev.latchkey.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a sign-in session lasts: it ends after {@code idle} without a request, and at the latest {@code lifetime}
 * after sign-in, however busy it is.
 */
public record SessionTimeouts(Duration idle, Duration lifetime) {

    public SessionTimeouts {
        Objects.requireNonNull(idle, "idle");
        Objects.requireNonNull(lifetime, "lifetime");
        if (idle.isNegative() || idle.isZero() || lifetime.isNegative() || lifetime.isZero()) {
            throw new InvalidValueException("sessionTimeouts", "idle timeout and lifetime must be positive");
        }
        if (idle.compareTo(lifetime) > 0) {
            throw new InvalidValueException("sessionTimeouts", "the idle timeout must not exceed the lifetime");
        }
    }
}
