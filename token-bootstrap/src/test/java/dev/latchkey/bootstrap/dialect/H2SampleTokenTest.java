package dev.latchkey.bootstrap.dialect;

import dev.latchkey.adapter.persistence.InMemoryH2Database;
import dev.latchkey.adapter.persistence.TestDatabase;

class H2SampleTokenTest extends SampleTokenContract {

    @Override
    protected TestDatabase database() {
        return new InMemoryH2Database();
    }
}
