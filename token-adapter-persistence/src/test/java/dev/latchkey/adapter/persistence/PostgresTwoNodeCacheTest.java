package dev.latchkey.adapter.persistence;

class PostgresTwoNodeCacheTest extends TwoNodeCacheContract {

    @Override
    protected TestDatabase database() {
        return new EmbeddedPostgresDatabase();
    }
}
