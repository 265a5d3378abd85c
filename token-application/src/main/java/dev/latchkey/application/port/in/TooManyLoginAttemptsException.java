package dev.latchkey.application.port.in;

import java.time.Duration;

/**
 * Thrown instead of checking a password once the username's or the address's allowance of attempts is spent
 * ({@code LoginLimitPort}). The password was not looked at. The answer is the same whether or not the username exists.
 */
public class TooManyLoginAttemptsException extends TooManyRequestsException {

    public TooManyLoginAttemptsException(Duration retryAfter) {
        super("Too many failed login attempts; retry after the time given in Retry-After", retryAfter);
    }
}
