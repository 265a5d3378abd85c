package dev.latchkey.bootstrap;

import dev.latchkey.adapter.persistence.InMemoryH2Database;
import dev.latchkey.adapter.persistence.TestDatabase;

class H2PrivateKeyJwtTest extends PrivateKeyJwtScenario {

    @Override
    protected TestDatabase database() {
        return new InMemoryH2Database();
    }
}
