package dev.latchkey.adapter.persistence.leaks;

import dev.latchkey.adapter.persistence.InMemoryH2Database;
import dev.latchkey.adapter.persistence.TestDatabase;

class H2LeakNoticeStoreTest extends LeakNoticeStoreContract {

    @Override
    protected TestDatabase database() {
        return new InMemoryH2Database();
    }
}
