package dev.latchkey.bootstrap;

import dev.latchkey.adapter.persistence.EmbeddedPostgresDatabase;
import dev.latchkey.adapter.persistence.TestDatabase;

class PostgresWebhooksTest extends WebhooksScenario {

    @Override
    protected TestDatabase database() {
        return new EmbeddedPostgresDatabase();
    }
}
