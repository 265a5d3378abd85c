package dev.latchkey.bootstrap.dialect;

import dev.latchkey.adapter.persistence.InMemoryH2Database;
import dev.latchkey.adapter.persistence.TestDatabase;

class H2SirdataTest extends SirdataContract {

    @Override
    protected TestDatabase database() {
        return new InMemoryH2Database();
    }
}
