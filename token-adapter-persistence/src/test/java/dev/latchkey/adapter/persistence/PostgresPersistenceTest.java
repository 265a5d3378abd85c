package dev.latchkey.adapter.persistence;

class PostgresPersistenceTest extends PersistenceContract {

    @Override
    protected TestDatabase database() {
        return new EmbeddedPostgresDatabase();
    }
}
