package dev.latchkey.application.port.out;

import dev.latchkey.domain.Partner;

/** Where partners are stored and changed. */
public interface SavePartnerPort {

    SaveOutcome saveNew(Partner partner);

    void update(Partner partner);

    /** Whether a new partner was stored, or its id was already taken. */
    enum SaveOutcome {
        SAVED,
        ID_TAKEN
    }
}
