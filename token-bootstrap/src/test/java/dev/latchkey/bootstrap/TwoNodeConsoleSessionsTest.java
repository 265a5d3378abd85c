package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.persistence.EmbeddedPostgresDatabase;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Console sessions are kept in the store every node shares (issue 22): behind a load balancer without sticky
 * routing, a browser signed in on one node is signed in on all, a sign-out on one holds on the others from the next
 * request, and a restart signs no one out.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodeConsoleSessionsTest {

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
    void signedInOnANodeSignedOutOnAnotherAndNoOneSignedOutByARestart() throws Exception {
        ConsoleHttpClient onA = new ConsoleHttpClient(nodeA);
        assertThat(onA.signIn(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD).statusCode()).isEqualTo(303);
        ConsoleHttpClient onB = onA.routedTo(nodeB);

        HttpResponse<String> tokensOnB = onB.get("/console/tokens");
        assertThat(tokensOnB.statusCode()).isEqualTo(200);
        assertThat(tokensOnB.body()).contains("Signed in as");
        // A form made by node A is accepted by node B: the form token is the same wherever it is computed.
        String formTokenFromA = onA.formToken();
        HttpResponse<String> createdOnB = onB.post("/console/tokens", Map.of("csrf", formTokenFromA,
                "description", "made on B", "lifetime", "30"), Map.of());
        assertThat(createdOnB.statusCode()).as(createdOnB.body()).isEqualTo(201);

        ConsoleHttpClient copiedBeforeSignOut = onA.copiedTo(nodeA);
        HttpResponse<String> signedOut = onB.post("/console/sign-out", Map.of("csrf", formTokenFromA), Map.of());
        assertThat(signedOut.statusCode()).isEqualTo(303);
        HttpResponse<String> onAAfterSignOut = copiedBeforeSignOut.get("/console/tokens");
        assertThat(onAAfterSignOut.statusCode()).as("the signed-out session's cookie on node A").isEqualTo(303);
        assertThat(onAAfterSignOut.headers().firstValue("Location")).contains("/console/sign-in");

        ConsoleHttpClient second = new ConsoleHttpClient(nodeB);
        assertThat(second.signIn(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD).statusCode()).isEqualTo(303);
        nodeA.close();
        nodeA = new LatchkeyNode(datasource, Map.of());
        assertThat(second.routedTo(nodeA).get("/console/tokens").statusCode()).as("on the restarted node A")
                .isEqualTo(200);
        assertThat(second.get("/console/tokens").statusCode()).as("still on node B").isEqualTo(200);
    }
}
