package dev.latchkey.application.port.out;

import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.SecretHash;
import dev.latchkey.domain.SignInSession;
import java.time.Instant;
import java.util.Optional;

/** Where sign-in sessions are kept, shared by every node: a session opened on one is found on all. */
public interface SignInSessionPort {

    /**
     * For a host with no pages of its own to sign in at (Latchkey used as a library behind an API): there are no
     * sessions to find or end, and opening one is a wiring mistake.
     */
    SignInSessionPort NONE_KEPT = new SignInSessionPort() {
        @Override
        public void save(SignInSession session) {
            throw new IllegalStateException("this host keeps no sign-in sessions");
        }

        @Override
        public Optional<SignInSession> find(SecretHash id) {
            return Optional.empty();
        }

        @Override
        public void recordSeen(SecretHash id, Instant at) {
        }

        @Override
        public void end(SecretHash id) {
        }

        @Override
        public int endAllOf(AccountId account) {
            return 0;
        }
    };

    void save(SignInSession session);

    Optional<SignInSession> find(SecretHash id);

    /** Moves the session's last use forward to {@code at}; never back. */
    void recordSeen(SecretHash id, Instant at);

    void end(SecretHash id);

    /** Ends every session of the account; the number ended. */
    int endAllOf(AccountId account);
}
