package dev.latchkey.adapter.persistence.policies;

import dev.latchkey.adapter.persistence.InMemoryH2Database;
import dev.latchkey.adapter.persistence.TestDatabase;

class H2PolicyStoreTest extends PolicyStoreContract {

    @Override
    protected TestDatabase database() {
        return new InMemoryH2Database();
    }
}
