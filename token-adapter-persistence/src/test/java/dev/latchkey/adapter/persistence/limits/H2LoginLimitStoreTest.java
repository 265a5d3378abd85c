package dev.latchkey.adapter.persistence.limits;

import dev.latchkey.adapter.persistence.InMemoryH2Database;
import dev.latchkey.adapter.persistence.TestDatabase;

class H2LoginLimitStoreTest extends LoginLimitStoreContract {

    @Override
    protected TestDatabase database() {
        return new InMemoryH2Database();
    }
}
