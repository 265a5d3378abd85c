package dev.latchkey.bootstrap.dialect;

import dev.latchkey.adapter.persistence.EmbeddedPostgresDatabase;
import dev.latchkey.adapter.persistence.TestDatabase;

class PostgresSirdataTest extends SirdataContract {

    @Override
    protected TestDatabase database() {
        return new EmbeddedPostgresDatabase();
    }
}
