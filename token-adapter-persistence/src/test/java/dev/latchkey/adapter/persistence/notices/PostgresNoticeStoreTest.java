package dev.latchkey.adapter.persistence.notices;

import dev.latchkey.adapter.persistence.EmbeddedPostgresDatabase;
import dev.latchkey.adapter.persistence.TestDatabase;

class PostgresNoticeStoreTest extends NoticeStoreContract {

    @Override
    protected TestDatabase database() {
        return new EmbeddedPostgresDatabase();
    }
}
