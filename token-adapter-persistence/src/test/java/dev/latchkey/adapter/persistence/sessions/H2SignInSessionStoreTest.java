package dev.latchkey.adapter.persistence.sessions;

import dev.latchkey.adapter.persistence.InMemoryH2Database;
import dev.latchkey.adapter.persistence.TestDatabase;

class H2SignInSessionStoreTest extends SignInSessionStoreContract {

    @Override
    protected TestDatabase database() {
        return new InMemoryH2Database();
    }
}
