package dev.latchkey.application.port.in;

/**
 * A caller who is not an administrator asked for something only administrators may do. Thrown by
 * {@link Caller#requireAdministrator()}, the one check every administration use case makes before anything else;
 * each inbound adapter answers it once, in its own shape (a 403 problem, a console page, an exit status).
 */
public final class NotAnAdministratorException extends RuntimeException {

    public NotAnAdministratorException() {
        // An expected refusal, answered for every such request: no stack trace to fill.
        super("only an administrator may do this", null, false, false);
    }
}
