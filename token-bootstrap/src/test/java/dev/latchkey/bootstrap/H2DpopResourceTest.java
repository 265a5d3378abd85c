package dev.latchkey.bootstrap;

import dev.latchkey.adapter.persistence.InMemoryH2Database;
import dev.latchkey.adapter.persistence.TestDatabase;

class H2DpopResourceTest extends DpopResourceScenario {

    @Override
    protected TestDatabase database() {
        return new InMemoryH2Database();
    }
}
