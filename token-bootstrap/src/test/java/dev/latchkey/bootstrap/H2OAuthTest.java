package dev.latchkey.bootstrap;

import dev.latchkey.adapter.persistence.InMemoryH2Database;
import dev.latchkey.adapter.persistence.TestDatabase;

class H2OAuthTest extends OAuthScenario {

    @Override
    protected TestDatabase database() {
        return new InMemoryH2Database();
    }
}
