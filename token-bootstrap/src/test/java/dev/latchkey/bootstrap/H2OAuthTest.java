package dev.latchkey.bootstrap;

import java.util.Map;
import java.util.UUID;

class H2OAuthTest extends OAuthScenario {

    @Override
    protected Map<String, Object> datasource() {
        return Map.of("datasources.default.url", "jdbc:h2:mem:" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    }
}
