package dev.latchkey.adapter.persistence.archive;

import dev.latchkey.adapter.persistence.InMemoryH2Database;
import dev.latchkey.adapter.persistence.TestDatabase;

class H2StoreArchiveTest extends StoreArchiveContract {

    @Override
    protected TestDatabase database() {
        return new InMemoryH2Database();
    }
}
