package dev.latchkey.adapter.persistence.changelog;

import dev.latchkey.adapter.persistence.InMemoryH2Database;
import dev.latchkey.adapter.persistence.TestDatabase;

class H2TwoNodeCacheTest extends TwoNodeCacheContract {

    @Override
    protected TestDatabase database() {
        return new InMemoryH2Database();
    }
}
