package dev.latchkey.adapter.persistence.clients;

import dev.latchkey.adapter.persistence.InMemoryH2Database;
import dev.latchkey.adapter.persistence.TestDatabase;

class H2ClientStoreTest extends ClientStoreContract {

    @Override
    protected TestDatabase database() {
        return new InMemoryH2Database();
    }
}
