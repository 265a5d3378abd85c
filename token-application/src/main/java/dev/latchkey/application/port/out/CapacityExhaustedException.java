package dev.latchkey.application.port.out;

/**
 * Thrown by an outbound adapter that refuses work beyond the capacity it was given, so that overload is refused
 * quickly instead of taking the process down. Nothing was done; the caller may retry after {@link #retryAfterSeconds}.
 * Inbound adapters answer it as "service unavailable" in their surface's shape.
 */
public class CapacityExhaustedException extends RuntimeException {

    private final int retryAfterSeconds;

    public CapacityExhaustedException(String what, int retryAfterSeconds) {
        // No stack trace: refusals come in floods, and the place they come from is always the same.
        super(what, null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
