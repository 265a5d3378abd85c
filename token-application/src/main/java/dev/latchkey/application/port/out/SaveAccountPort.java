package dev.latchkey.application.port.out;

import dev.latchkey.domain.Account;

/** Where new accounts are stored. */
public interface SaveAccountPort {

    SaveOutcome saveNew(Account account);

    /** Whether a new account was stored, or its username was already taken. */
    enum SaveOutcome {
        SAVED,
        USERNAME_TAKEN
    }
}
