package dev.latchkey.application.port.in;

import java.time.Duration;

/**
 * Thrown instead of doing the work once an allowance the work takes from is spent: nothing was checked or written.
 * Inbound adapters answer "too many requests", with {@code Retry-After}, in their surface's shape, and the message,
 * which never holds a credential, as the reason.
 */
public abstract class TooManyRequestsException extends RuntimeException {

    private final Duration retryAfter;

    protected TooManyRequestsException(String message, Duration retryAfter) {
        // No stack trace: a flood throws it thousands of times, always from the same place.
        super(message, null, false, false);
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
