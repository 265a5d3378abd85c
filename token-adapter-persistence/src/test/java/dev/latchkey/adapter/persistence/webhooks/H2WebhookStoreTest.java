package dev.latchkey.adapter.persistence.webhooks;

import dev.latchkey.adapter.persistence.InMemoryH2Database;
import dev.latchkey.adapter.persistence.TestDatabase;

class H2WebhookStoreTest extends WebhookStoreContract {

    @Override
    protected TestDatabase database() {
        return new InMemoryH2Database();
    }
}
