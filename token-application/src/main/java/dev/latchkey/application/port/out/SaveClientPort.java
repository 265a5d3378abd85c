package dev.latchkey.application.port.out;

import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.KeySettings;
import dev.latchkey.domain.OAuthClient;
import dev.latchkey.domain.SignInSettings;
import java.util.Optional;

/** Where registered OAuth clients are stored. */
public interface SaveClientPort {

    SaveOutcome saveNew(OAuthClient client);

    /** Enables or disables a client; every node stops accepting a disabled one's authentication within a lease. */
    void updateEnabled(ClientId id, boolean enabled);

    /** Stores how the client sends people to sign in; every node sees it within a lease. */
    void updateSignIn(ClientId id, SignInSettings settings);

    /** Stores the keys the client signs with and whether its tokens must be DPoP-bound; every node sees it within a lease. */
    void updateKeys(ClientId id, KeySettings settings);

    /**
     * Reads the client from the store, never from a cache, and locks it until the enclosing transaction ends: two
     * changes that read it before they write it then run one after the other.
     */
    Optional<OAuthClient> lockById(ClientId id);

    /**
     * Stores the client's secret and its retiring one, matched by id; every node stops accepting a secret that is no
     * longer either within a lease.
     */
    void updateSecrets(OAuthClient client);

    /** Whether a new client was stored, or its id was already taken. */
    enum SaveOutcome {
        SAVED,
        CLIENT_ID_TAKEN
    }
}
