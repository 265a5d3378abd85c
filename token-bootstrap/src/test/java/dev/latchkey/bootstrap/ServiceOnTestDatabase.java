package dev.latchkey.bootstrap;

import dev.latchkey.adapter.persistence.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole service, wired as in production, on a real database, for one test class: subclasses choose the database
 * (H2 or PostgreSQL) and any settings, and get a running {@link LatchkeyNode} with the bootstrap administrator.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServiceOnTestDatabase {

    private TestDatabase database;
    private LatchkeyNode node;
    private Map<String, Object> datasource;

    /** The database under test. */
    protected abstract TestDatabase database();

    /** Settings beyond the defaults. */
    protected Map<String, Object> settings() {
        return Map.of();
    }

    /** Beans of the test's own, such as a clock it moves, given to the node over the service's. */
    protected Object[] beans() {
        return new Object[0];
    }

    @BeforeAll
    final void startService() {
        database = database();
        datasource = database.start();
        node = new LatchkeyNode(datasource, settings(), beans());
    }

    @AfterAll
    final void stopService() throws Exception {
        if (node != null) {
            node.close();
        }
        database.close();
    }

    /** The settings that name the database, for another process or context on it. */
    protected Map<String, Object> datasource() {
        return datasource;
    }

    protected LatchkeyNode node() {
        return node;
    }
}
