package dev.latchkey.application.port.out;

import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.OAuthClient;

public interface SaveClientPort {

    SaveOutcome saveNew(OAuthClient client);

    /** Enables or disables a client; every node stops accepting a disabled one's authentication within a lease. */
    void updateEnabled(ClientId id, boolean enabled);

    enum SaveOutcome {
        SAVED,
        CLIENT_ID_TAKEN
    }
}
