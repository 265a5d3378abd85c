package dev.latchkey.application.port.out;

/**
 * Work an outbound adapter could not do now but may do shortly: the caller may retry after
 * {@link #retryAfterSeconds}. Inbound adapters answer it as "service unavailable" with {@code Retry-After}, in their
 * surface's shape, and say no more than {@link #publicReason} about why.
 */
public abstract class TemporarilyUnavailableException extends RuntimeException {

    private final int retryAfterSeconds;

    protected TemporarilyUnavailableException(String what, Throwable cause, int retryAfterSeconds) {
        // No stack trace of its own: these come in floods, and the place they come from is always the same. The
        // cause, when there is one, keeps its own.
        super(what, cause, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** What a client may be told: nothing of the internals. */
    public abstract String publicReason();
}
