package dev.latchkey.adapter.persistence;

class H2ProofReplayTest extends ProofReplayContract {

    @Override
    protected TestDatabase database() {
        return new InMemoryH2Database();
    }
}
