package dev.latchkey.application.port.in;

import java.time.Instant;
import java.util.Optional;

/**
 * Sessions of people signed in at Latchkey's own pages. A session is opened after a password was checked
 * ({@link AuthenticateUseCase}), and each later request resumes it by the secret the browser holds: the account is
 * asked again each time, so a disabled account or a reset password ends it at once, on every node.
 */
public interface SignInSessionsUseCase {

    /** Opens a session for the caller just authenticated with a password whose stamp is given. */
    Started start(Caller caller, String passwordStamp);

    /** The live session the secret names, with its caller as the account is now; empty once it has ended. */
    Optional<Resumed> resume(String secret);

    /** Ends the session the secret names (sign-out); nothing happens if there is none. */
    void end(String secret);

    /** A new session: its secret, for the browser to hold and shown nowhere else, and its caller. */
    record Started(String secret, Caller caller, Instant endsAt) {
        @Override
        public String toString() {
            return "Started[secret=redacted, caller=" + caller + ", endsAt=" + endsAt + "]";
        }
    }

    /** A resumed session: who it is, and when it was opened. */
    record Resumed(Caller caller, Instant signedInAt) {
    }
}
