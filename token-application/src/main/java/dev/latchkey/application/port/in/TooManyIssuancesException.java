package dev.latchkey.application.port.in;

import java.time.Duration;

/**
 * Thrown instead of making a token once its owner's allowance of new tokens is spent ({@code IssuanceLimitPort}).
 * Nothing was written.
 */
public class TooManyIssuancesException extends TooManyRequestsException {

    public TooManyIssuancesException(Duration retryAfter) {
        super("Too many tokens were issued to this account; retry after the time given in Retry-After", retryAfter);
    }
}
