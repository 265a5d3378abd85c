package dev.latchkey.adapter.persistence;

import java.util.Map;
import java.util.UUID;

/** A fresh in-memory H2 database, in the PostgreSQL mode the service configures. */
public final class InMemoryH2Database implements TestDatabase {

    @Override
    public Map<String, Object> start() {
        return Map.of(
                "datasources.default.url", "jdbc:h2:mem:" + UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "datasources.default.username", "sa",
                "datasources.default.password", "");
    }

    @Override
    public void close() {
        // DB_CLOSE_DELAY=-1 keeps it for the JVM; every test class takes a new name, so nothing is shared.
    }
}
