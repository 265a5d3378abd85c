package dev.latchkey.adapter.persistence;

class PostgresProofReplayTest extends ProofReplayContract {

    @Override
    protected TestDatabase database() {
        return new EmbeddedPostgresDatabase();
    }
}
