package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.persistence.EmbeddedPostgresDatabase;
import io.micronaut.json.JsonMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Several stateless nodes on one PostgreSQL: a revocation made through one node holds on every other at once,
 * although each caches token lookups, and so does a delegation chain's revocation at every depth; the rules the store
 * enforces (an active-token limit) hold for concurrent issues spread over both nodes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodeRevocationTest {

    private static final int ROUNDS = 100;
    private static final String ADMIN = EndToEndScenario.basic(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD);

    private final EmbeddedPostgresDatabase database = new EmbeddedPostgresDatabase();
    private Map<String, Object> datasource;
    private LatchkeyNode nodeA;
    private LatchkeyNode nodeB;
    private JsonMapper json;

    @BeforeAll
    void startTwoNodes() {
        datasource = database.start();
        nodeA = new LatchkeyNode(datasource, Map.of());
        nodeB = new LatchkeyNode(datasource, Map.of());
        json = nodeA.context().getBean(JsonMapper.class);
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

    @Test
    void theActiveTokenLimitHoldsForConcurrentIssuesOnTwoNodes() throws Exception {
        expect(nodeA, "POST", "/api/v1/admin/accounts", ADMIN, "{\"username\":\"max\",\"password\":"
                + "\"max's long password\",\"organization\":\"Capped\"}", 201);
        expect(nodeA, "PUT", "/api/v1/admin/policies/organizations/Capped", ADMIN,
                "{\"maximumLifetimeSeconds\":31536000,\"neverExpiringRoles\":[\"user\"],\"maximumActiveTokens\":3}",
                200);
        String parent = (String) expect(nodeA, "POST", "/api/v1/tokens",
                EndToEndScenario.basic("max", "max's long password"), "{\"lifetimeSeconds\":-1}", 201).get("token");

        ExecutorService issuers = Executors.newFixedThreadPool(24);
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Future<Integer>> issued = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                LatchkeyNode node = i % 2 == 0 ? nodeA : nodeB;
                issued.add(issuers.submit(() -> send(node, "POST", "/api/v1/tokens", EndToEndScenario.bearer(parent),
                        "{}").statusCode()));
            }
            for (Future<Integer> status : issued) {
                statuses.add(status.get(60, TimeUnit.SECONDS));
            }
        } finally {
            issuers.shutdownNow();
        }

        assertThat(statuses.stream().filter(status -> status == 201).count()).as(statuses.toString()).isEqualTo(2);
        assertThat(statuses).allMatch(status -> status == 201 || status == 409);
        assertThat(expect(nodeB, "GET", "/api/v1/tokens?status=active", EndToEndScenario.basic("max",
                "max's long password"), null, 200).get("total")).isEqualTo(3);
    }

    /**
     * A chain of every kind of link: a password-made token, a token it made (through node B), that token exchanged at
     * the token endpoint (node A), and a token the exchanged access token made (node B). Each depth is revoked through
     * node A, natively or by RFC 7009 for the exchanged token.
     */
    @Test
    void aChainRevokedThroughOneNodeAtAnyDepthIsRefusedByTheOtherBelowThatDepth() throws Exception {
        expect(nodeA, "POST", "/api/v1/admin/accounts", ADMIN,
                "{\"username\":\"cat\",\"password\":\"cat's long password\"}", 201);
        String cat = EndToEndScenario.basic("cat", "cat's long password");
        Map<String, Object> registered = expect(nodeA, "POST", "/api/v1/clients", ADMIN, "{\"name\":\"relay\",\"grantTypes\":[\"password\",\"refresh_token\",\"urn:ietf:params:oauth:grant-type:token-exchange\"]}",
                201);
        String client = EndToEndScenario.basic((String) registered.get("clientId"),
                (String) registered.get("clientSecret"));
        for (int depth = 0; depth < 4; depth++) {
            List<String> chain = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            Map<String, Object> root = expect(nodeA, "POST", "/api/v1/tokens", cat, "{\"lifetimeSeconds\":-1}", 201);
            chain.add((String) root.get("token"));
            ids.add(tokenId(root));
            Map<String, Object> child = expect(nodeB, "POST", "/api/v1/tokens", EndToEndScenario.bearer(chain.get(0)),
                    "{}", 201);
            chain.add((String) child.get("token"));
            ids.add(tokenId(child));
            HttpResponse<String> exchanged = HttpCalls.send(nodeA, "POST", "/oauth2/token", HttpCalls.headers(client,
                    "application/x-www-form-urlencoded"), "grant_type=urn:ietf:params:oauth:grant-type:token-exchange"
                    + "&subject_token=" + chain.get(1)
                    + "&subject_token_type=urn:ietf:params:oauth:token-type:access_token");
            assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
            chain.add((String) json.readValue(exchanged.body(), Map.class).get("access_token"));
            ids.add(null);
            Map<String, Object> madeByExchange = expect(nodeB, "POST", "/api/v1/tokens",
                    EndToEndScenario.bearer(chain.get(2)), "{}", 201);
            chain.add((String) madeByExchange.get("token"));
            ids.add(tokenId(madeByExchange));
            for (String link : chain) {
                // Twice, so that node B serves the second from its cache.
                assertThat(self(nodeB, link)).isEqualTo(200);
                assertThat(self(nodeB, link)).isEqualTo(200);
            }

            HttpResponse<String> revoked = ids.get(depth) == null
                    ? HttpCalls.send(nodeA, "POST", "/oauth2/revoke", HttpCalls.headers(client,
                            "application/x-www-form-urlencoded"), "token=" + chain.get(depth))
                    : send(nodeA, "DELETE", "/api/v1/tokens/" + ids.get(depth), cat, null);
            assertThat(revoked.statusCode()).isIn(200, 204);

            for (int level = 0; level < chain.size(); level++) {
                assertThat(self(nodeB, chain.get(level))).as("revoked at depth %d, node B at depth %d", depth, level)
                        .isEqualTo(level < depth ? 200 : 401);
            }
        }
    }

    private int self(LatchkeyNode node, String token) throws Exception {
        return send(node, "GET", "/api/v1/tokens/self", EndToEndScenario.bearer(token), null).statusCode();
    }


    @SuppressWarnings("unchecked")
    private static String tokenId(Map<String, Object> issued) {
        return (String) ((Map<String, Object>) issued.get("tokenInfo")).get("tokenId");
    }

    private static HttpResponse<String> send(LatchkeyNode node, String method, String path, String authorization,
                                             String body) throws Exception {
        return HttpCalls.send(node, method, path, HttpCalls.headers(authorization,
                body == null ? null : "application/json"), body);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> expect(LatchkeyNode node, String method, String path, String authorization,
                                       String body, int status) throws Exception {
        HttpResponse<String> response = send(node, method, path, authorization, body);
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(status);
        return json.readValue(response.body(), Map.class);
    }
}
