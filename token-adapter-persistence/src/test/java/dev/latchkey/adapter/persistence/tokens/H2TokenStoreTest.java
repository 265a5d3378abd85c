package dev.latchkey.adapter.persistence.tokens;

import dev.latchkey.adapter.persistence.InMemoryH2Database;
import dev.latchkey.adapter.persistence.TestDatabase;

class H2TokenStoreTest extends TokenStoreContract {

    @Override
    protected TestDatabase database() {
        return new InMemoryH2Database();
    }
}
