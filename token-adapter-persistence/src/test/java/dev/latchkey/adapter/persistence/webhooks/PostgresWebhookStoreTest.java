package dev.latchkey.adapter.persistence.webhooks;

import dev.latchkey.adapter.persistence.EmbeddedPostgresDatabase;
import dev.latchkey.adapter.persistence.TestDatabase;

class PostgresWebhookStoreTest extends WebhookStoreContract {

    @Override
    protected TestDatabase database() {
        return new EmbeddedPostgresDatabase();
    }
}
