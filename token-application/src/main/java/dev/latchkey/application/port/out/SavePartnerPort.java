package dev.latchkey.application.port.out;

import dev.latchkey.domain.Partner;

public interface SavePartnerPort {

    SaveOutcome saveNew(Partner partner);

    void update(Partner partner);

    enum SaveOutcome {
        SAVED,
        ID_TAKEN
    }
}
