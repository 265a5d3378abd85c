package dev.latchkey.bootstrap;

import dev.latchkey.adapter.persistence.EmbeddedPostgresDatabase;
import java.util.Map;

class PostgresOAuthTest extends OAuthScenario {

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
