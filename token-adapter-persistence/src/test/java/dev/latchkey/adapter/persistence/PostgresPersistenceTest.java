package dev.latchkey.adapter.persistence;

import java.util.Map;

/** The persistence contract on a real PostgreSQL server; if the server cannot start, this test fails. */
class PostgresPersistenceTest extends PersistenceContract {

    private final EmbeddedPostgresDatabase database = new EmbeddedPostgresDatabase();

    @Override
    protected Map<String, Object> datasource() {
        return database.start();
    }

    @Override
    protected void releaseDatabase() throws Exception {
        database.close();
    }
}
