package dev.latchkey.application.port.out;

import dev.latchkey.domain.OAuthClient;

public interface SaveClientPort {

    SaveOutcome saveNew(OAuthClient client);

    enum SaveOutcome {
        SAVED,
        CLIENT_ID_TAKEN
    }
}
