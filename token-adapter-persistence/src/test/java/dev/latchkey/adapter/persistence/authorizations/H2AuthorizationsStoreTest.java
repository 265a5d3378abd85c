package dev.latchkey.adapter.persistence.authorizations;

import dev.latchkey.adapter.persistence.InMemoryH2Database;
import dev.latchkey.adapter.persistence.TestDatabase;

class H2AuthorizationsStoreTest extends AuthorizationsStoreContract {

    @Override
    protected TestDatabase database() {
        return new InMemoryH2Database();
    }
}
