package dev.latchkey.application.port.in;

import java.time.Duration;

/**
 * Thrown instead of checking a password once the username's or the address's allowance of attempts is spent
 * ({@code LoginLimitPort}). The password was not looked at. Inbound adapters answer "too many requests", with
 * {@code Retry-After}, in their surface's shape; the answer is the same whether or not the username exists.
 */
public class TooManyLoginAttemptsException extends RuntimeException {

    private final Duration retryAfter;

    public TooManyLoginAttemptsException(Duration retryAfter) {
        // No stack trace: a guessing run throws it thousands of times, always from the same place.
        super("Too many failed login attempts", null, false, false);
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
