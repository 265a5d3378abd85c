package dev.latchkey.application.port.out;

import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.OAuthClient;

/** Where registered OAuth clients are stored. */
public interface SaveClientPort {

    SaveOutcome saveNew(OAuthClient client);

    /** Enables or disables a client; every node stops accepting a disabled one's authentication within a lease. */
    void updateEnabled(ClientId id, boolean enabled);

    /** Whether a new client was stored, or its id was already taken. */
    enum SaveOutcome {
        SAVED,
        CLIENT_ID_TAKEN
    }
}
