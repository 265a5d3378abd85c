package dev.latchkey.adapter.persistence.accounts;

import dev.latchkey.adapter.persistence.InMemoryH2Database;
import dev.latchkey.adapter.persistence.TestDatabase;

class H2AccountStoreTest extends AccountStoreContract {

    @Override
    protected TestDatabase database() {
        return new InMemoryH2Database();
    }
}
