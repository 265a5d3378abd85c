package dev.latchkey.adapter.persistence;

class H2PersistenceTest extends PersistenceContract {

    @Override
    protected TestDatabase database() {
        return new InMemoryH2Database();
    }
}
