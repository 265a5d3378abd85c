package dev.latchkey.adapter.persistence.keys;

import dev.latchkey.adapter.persistence.InMemoryH2Database;
import dev.latchkey.adapter.persistence.TestDatabase;

class H2KeyStoreTest extends KeyStoreContract {

    @Override
    protected TestDatabase database() {
        return new InMemoryH2Database();
    }
}
