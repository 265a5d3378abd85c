package dev.latchkey.adapter.persistence.partners;

import dev.latchkey.adapter.persistence.InMemoryH2Database;
import dev.latchkey.adapter.persistence.TestDatabase;

class H2PartnerStoreTest extends PartnerStoreContract {

    @Override
    protected TestDatabase database() {
        return new InMemoryH2Database();
    }
}
