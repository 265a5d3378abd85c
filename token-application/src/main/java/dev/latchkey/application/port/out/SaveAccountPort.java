package dev.latchkey.application.port.out;

import dev.latchkey.domain.Account;

public interface SaveAccountPort {

    SaveOutcome saveNew(Account account);

    enum SaveOutcome {
        SAVED,
        USERNAME_TAKEN
    }
}
