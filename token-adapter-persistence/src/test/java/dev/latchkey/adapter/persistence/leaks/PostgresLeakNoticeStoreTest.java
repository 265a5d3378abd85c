package dev.latchkey.adapter.persistence.leaks;

import dev.latchkey.adapter.persistence.EmbeddedPostgresDatabase;
import dev.latchkey.adapter.persistence.TestDatabase;

class PostgresLeakNoticeStoreTest extends LeakNoticeStoreContract {

    @Override
    protected TestDatabase database() {
        return new EmbeddedPostgresDatabase();
    }
}
