package dev.latchkey.adapter.persistence.archive;

import dev.latchkey.adapter.persistence.EmbeddedPostgresDatabase;
import dev.latchkey.adapter.persistence.TestDatabase;

class PostgresStoreArchiveTest extends StoreArchiveContract {

    @Override
    protected TestDatabase database() {
        return new EmbeddedPostgresDatabase();
    }
}
