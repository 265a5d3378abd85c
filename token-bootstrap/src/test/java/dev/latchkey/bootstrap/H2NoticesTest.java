package dev.latchkey.bootstrap;

import dev.latchkey.adapter.persistence.InMemoryH2Database;
import dev.latchkey.adapter.persistence.TestDatabase;

class H2NoticesTest extends NoticesScenario {

    @Override
    protected TestDatabase database() {
        return new InMemoryH2Database();
    }
}
