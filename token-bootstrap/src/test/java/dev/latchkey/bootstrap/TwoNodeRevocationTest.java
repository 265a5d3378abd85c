package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.persistence.EmbeddedPostgresDatabase;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Several stateless nodes on one PostgreSQL: a revocation made through one node holds on every other at once,
 * although each caches token lookups.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodeRevocationTest {

    private static final int ROUNDS = 100;

    private final EmbeddedPostgresDatabase database = new EmbeddedPostgresDatabase();
    private Map<String, Object> datasource;
    private LatchkeyNode nodeA;
    private LatchkeyNode nodeB;

    @BeforeAll
    void startTwoNodes() {
        datasource = database.start();
        nodeA = new LatchkeyNode(datasource, Map.of());
        nodeB = new LatchkeyNode(datasource, Map.of());
    }

    @AfterAll
    void stopEverything() throws Exception {
        nodeA.close();
        nodeB.close();
        database.close();
    }

    @Test
    void aTokenRevokedThroughNodeAIsRefusedByNodeBOnItsVeryNextRequest() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String[] token = nodeA.issue();
            // Twice, so that node B has the token in its cache and serves the second use from there.
            assertThat(nodeB.use(token[0])).isEqualTo(200);
            assertThat(nodeB.use(token[0])).isEqualTo(200);

            assertThat(nodeA.revoke(token[1])).isEqualTo(204);

            assertThat(nodeB.use(token[0])).as("round %d: node B's very next request", round).isEqualTo(401);
        }
    }
}
