package dev.latchkey.application.port.out;

/**
 * Thrown by an outbound adapter that refuses work beyond the capacity it was given, so that overload is refused
 * quickly instead of taking the process down. Nothing was done.
 */
public class CapacityExhaustedException extends TemporarilyUnavailableException {

    public CapacityExhaustedException(String what, int retryAfterSeconds) {
        super(what, null, retryAfterSeconds);
    }

    @Override
    public String publicReason() {
        return "The service is overloaded; retry shortly";
    }
}
