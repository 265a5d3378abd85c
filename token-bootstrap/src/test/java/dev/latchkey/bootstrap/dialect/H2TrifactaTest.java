package dev.latchkey.bootstrap.dialect;

import dev.latchkey.adapter.persistence.InMemoryH2Database;
import dev.latchkey.adapter.persistence.TestDatabase;

class H2TrifactaTest extends TrifactaContract {

    @Override
    protected TestDatabase database() {
        return new InMemoryH2Database();
    }
}
