package dev.latchkey.adapter.persistence;

import java.util.Map;
import java.util.UUID;

/** The persistence contract on H2, the embedded default, in the PostgreSQL mode the service configures. */
class H2PersistenceTest extends PersistenceContract {

    @Override
    protected Map<String, Object> datasource() {
        return Map.of(
                "datasources.default.url", "jdbc:h2:mem:" + UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "datasources.default.driver-class-name", "org.h2.Driver",
                "datasources.default.username", "sa",
                "datasources.default.password", "");
    }
}
