package dev.latchkey.bootstrap;

import dev.latchkey.adapter.persistence.InMemoryH2Database;
import dev.latchkey.adapter.persistence.TestDatabase;

class H2ConcurrencyTest extends ConcurrencyScenario {

    @Override
    protected TestDatabase database() {
        return new InMemoryH2Database();
    }
}
