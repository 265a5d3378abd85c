package dev.latchkey.bootstrap;

import dev.latchkey.adapter.persistence.EmbeddedPostgresDatabase;
import dev.latchkey.adapter.persistence.TestDatabase;

class PostgresLeakedTokensTest extends LeakedTokensScenario {

    @Override
    protected TestDatabase database() {
        return new EmbeddedPostgresDatabase();
    }
}
