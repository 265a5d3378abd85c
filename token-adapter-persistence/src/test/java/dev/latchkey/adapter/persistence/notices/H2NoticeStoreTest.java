package dev.latchkey.adapter.persistence.notices;

import dev.latchkey.adapter.persistence.InMemoryH2Database;
import dev.latchkey.adapter.persistence.TestDatabase;

class H2NoticeStoreTest extends NoticeStoreContract {

    @Override
    protected TestDatabase database() {
        return new InMemoryH2Database();
    }
}
