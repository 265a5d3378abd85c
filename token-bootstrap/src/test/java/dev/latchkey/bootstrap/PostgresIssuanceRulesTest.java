package dev.latchkey.bootstrap;

import dev.latchkey.adapter.persistence.EmbeddedPostgresDatabase;
import dev.latchkey.adapter.persistence.TestDatabase;

class PostgresIssuanceRulesTest extends IssuanceRulesScenario {

    @Override
    protected TestDatabase database() {
        return new EmbeddedPostgresDatabase();
    }
}
