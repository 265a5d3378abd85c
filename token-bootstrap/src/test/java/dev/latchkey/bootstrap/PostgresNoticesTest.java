package dev.latchkey.bootstrap;

import dev.latchkey.adapter.persistence.EmbeddedPostgresDatabase;
import dev.latchkey.adapter.persistence.TestDatabase;

class PostgresNoticesTest extends NoticesScenario {

    @Override
    protected TestDatabase database() {
        return new EmbeddedPostgresDatabase();
    }
}
