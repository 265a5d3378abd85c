package dev.latchkey.bootstrap;

import dev.latchkey.adapter.persistence.EmbeddedPostgresDatabase;
import dev.latchkey.adapter.persistence.TestDatabase;

class PostgresPrivateKeyJwtTest extends PrivateKeyJwtScenario {

    @Override
    protected TestDatabase database() {
        return new EmbeddedPostgresDatabase();
    }
}
