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

    /** The database under test. */
    protected abstract TestDatabase database();

    /** Settings beyond the defaults. */
    protected Map<String, Object> settings() {
        return Map.of();
    }

    @BeforeAll
    final void startService() {
        database = database();
        node = new LatchkeyNode(database.start(), settings());
    }

    @AfterAll
    final void stopService() throws Exception {
        if (node != null) {
            node.close();
        }
        database.close();
    }

    protected LatchkeyNode node() {
        return node;
    }
}
