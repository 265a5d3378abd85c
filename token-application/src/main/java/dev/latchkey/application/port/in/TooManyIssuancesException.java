package dev.latchkey.application.port.in;

import java.time.Duration;

/**
 * Thrown instead of making a token once its owner's allowance of new tokens is spent ({@code IssuanceLimitPort}).
 * Nothing was written. Inbound adapters answer "too many requests", with {@code Retry-After}, in their surface's shape.
 */
public class TooManyIssuancesException extends RuntimeException {

    private final Duration retryAfter;

    public TooManyIssuancesException(Duration retryAfter) {
        // No stack trace: a flood throws it thousands of times, always from the same place.
        super("Too many tokens issued to this account", null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** At least one second: {@code Retry-After} counts in whole seconds, and zero would invite an immediate retry. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
