package dev.latchkey.application.port.in;

import dev.latchkey.domain.Account;
import dev.latchkey.domain.Username;

/**
 * An administrator deletes an account, after revoking every token it holds and ending its sessions. No one deletes
 * their own account, nor an OAuth client's service account (the client is disabled instead).
 */
public interface DeleteAccountUseCase {

    Outcome delete(Caller administrator, Username username);

    /** What a deletion came to. */
    sealed interface Outcome {
        /** The account as it was, now gone. */
        record Deleted(Account account) implements Outcome {
        }

        /** No account has that username. */
        record NotFound() implements Outcome {
        }

        /** The account may not be deleted, for the reason given. */
        record Refused(String reason) implements Outcome {
        }
    }
}
