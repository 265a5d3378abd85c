package dev.latchkey.adapter.persistence;

class H2TwoNodeCacheTest extends TwoNodeCacheContract {

    @Override
    protected TestDatabase database() {
        return new InMemoryH2Database();
    }
}
