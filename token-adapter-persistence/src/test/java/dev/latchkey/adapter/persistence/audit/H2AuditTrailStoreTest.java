package dev.latchkey.adapter.persistence.audit;

import dev.latchkey.adapter.persistence.InMemoryH2Database;
import dev.latchkey.adapter.persistence.TestDatabase;

class H2AuditTrailStoreTest extends AuditTrailStoreContract {

    @Override
    protected TestDatabase database() {
        return new InMemoryH2Database();
    }
}
