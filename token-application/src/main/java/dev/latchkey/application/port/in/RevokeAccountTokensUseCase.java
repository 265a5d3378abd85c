package dev.latchkey.application.port.in;

import dev.latchkey.domain.Account;
import dev.latchkey.domain.TokenId;
import dev.latchkey.domain.Username;

/** An administrator revokes other accounts' tokens: all of one account's at once, or one token. */
public interface RevokeAccountTokensUseCase {

    /** The cut-off: revokes every token the account holds now, whatever its kind, and ends its sessions. */
    Outcome revokeAll(Caller administrator, Username username);

    /** Revokes one token of the named account. */
    Outcome revoke(Caller administrator, Username username, TokenId token);

    /** Revokes one token, whichever account holds it; answers with its owner. */
    Outcome revoke(Caller administrator, TokenId token);

    /** What a revocation came to. */
    sealed interface Outcome {
        /** The owner's tokens are revoked; {@code revoked} counts those that were still valid. */
        record Revoked(Account owner, int revoked) implements Outcome {
        }

        /** No account has that username. */
        record AccountNotFound() implements Outcome {
        }

        /** No token has that id (for that account). */
        record TokenNotFound() implements Outcome {
        }
    }
}
