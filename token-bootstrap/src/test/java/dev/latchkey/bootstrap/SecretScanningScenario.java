package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.rest.scanning.GitHubScanner;
import dev.latchkey.domain.SecretHash;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GitHub's secret-scanning partner programme end to end, with a scanner of our own that does what GitHub does: it
 * serves its P-256 key in GitHub's key-list JSON on a loopback port, signs each report over its raw bytes, and posts
 * it. A live token it reports is dead on every node at once; a report that is not signed by its key changes nothing.
 */
abstract class SecretScanningScenario extends ServiceOnTestDatabase {

    /** A minute in production; short here, so that the test can wait it out. */
    private static final java.time.Duration REFETCH_AT_MOST_EVERY = java.time.Duration.ofSeconds(2);

    /** Every node on one store holds its master key; in-memory H2 would otherwise give each node its own. */
    private static final String MASTER_KEY = java.util.Base64.getEncoder().encodeToString(
            new java.security.SecureRandom().generateSeed(32));

    private final String admin = EndToEndScenario.basic(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD);
    private final GitHubScanner scanner = startScanner();
    private JsonMapper json;

    private static GitHubScanner startScanner() {
        try {
            return new GitHubScanner();
        } catch (Exception failed) {
            throw new IllegalStateException(failed);
        }
    }

    @Override
    protected Map<String, Object> settings() {
        return Map.of("latchkey.secret-scanning.github.enabled", true,
                "latchkey.secret-scanning.github.keys-url", scanner.keysUrl().toString(),
                "latchkey.secret-scanning.github.refetch-at-most-every", REFETCH_AT_MOST_EVERY.toMillis() + "ms",
                "latchkey.outbound.allow-internal-destinations", true, "latchkey.master-key", MASTER_KEY);
    }

    @BeforeAll
    void readJson() {
        json = node().context().getBean(JsonMapper.class);
    }

    @AfterAll
    void stopScanner() {
        scanner.close();
    }

    private String personalToken() throws Exception {
        HttpResponse<String> issued = HttpCalls.send(node(), "POST", "/api/v1/tokens",
                HttpCalls.headers(admin, "application/json"), "{\"description\":\"pushed to a public repo\"}");
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        @SuppressWarnings("unchecked")
        Map<String, Object> body = json.readValue(issued.body(), Map.class);
        return (String) body.get("token");
    }

    private static int self(LatchkeyNode node, String token) throws Exception {
        return HttpCalls.send(node, "GET", "/api/v1/tokens/self", HttpCalls.headers("Bearer " + token, null), null)
                .statusCode();
    }

    private byte[] reportOf(List<String> tokens) throws Exception {
        List<Map<String, String>> matches = new ArrayList<>();
        for (String token : tokens) {
            Map<String, String> match = new LinkedHashMap<>();
            match.put("token", token);
            match.put("type", "latchkey_token");
            match.put("url", "https://github.com/octo/app/blob/main/.env");
            match.put("source", "content");
            matches.add(match);
        }
        return json.writeValueAsBytes(matches);
    }

    private HttpResponse<String> post(byte[] body, String identifier, String signature) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        if (identifier != null) {
            headers.put("Github-Public-Key-Identifier", identifier);
        }
        if (signature != null) {
            headers.put("Github-Public-Key-Signature", signature);
        }
        return HttpCalls.send(node(), "POST", "/api/v1/secret-scanning/github", headers,
                new String(body, StandardCharsets.UTF_8));
    }

    private List<Map<String, Object>> labels(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readValue(response.body(), Argument.listOf(Argument.mapOf(String.class, Object.class)));
    }

    @Test
    void aLiveTokenGitHubFindsIsDeadOnEveryNodeAndEachMatchIsLabelled() throws Exception {
        String leaked = personalToken();
        String unknown = "lk_" + "A".repeat(49);
        String badChecksum = leaked.substring(0, leaked.length() - 1) + (leaked.endsWith("A") ? "B" : "A");
        byte[] body = reportOf(List.of(leaked, unknown, badChecksum));

        List<Map<String, Object>> labels = labels(post(body, GitHubScanner.KEY_IDENTIFIER, scanner.sign(body)));

        assertThat(labels).extracting(label -> label.get("label"))
                .containsExactly("true_positive", "false_positive", "false_positive");
        assertThat(labels.get(0)).containsEntry("token_hash", SecretHash.of(leaked).toHex())
                .containsEntry("token_type", "latchkey_token");
        try (LatchkeyNode other = new LatchkeyNode(datasource(), settings())) {
            assertThat(self(other, leaked)).as("refused on another node").isEqualTo(401);
        }
        assertThat(self(node(), leaked)).isEqualTo(401);
        String trail = HttpCalls.send(node(), "GET", "/api/v1/admin/audit?type=token.leaked",
                HttpCalls.headers(admin, null), null).body();
        assertThat(trail).contains("source=content type=latchkey_token url=https://github.com/octo/app/blob/main/.env")
                .doesNotContain(leaked);

        byte[] again = reportOf(List.of(leaked));
        assertThat(labels(post(again, GitHubScanner.KEY_IDENTIFIER, scanner.sign(again))))
                .extracting(label -> label.get("label")).as("a replay: still a token, nothing more done")
                .containsExactly("true_positive");
    }

    @Test
    void aReportNotSignedByGitHubsKeyChangesNothing() throws Exception {
        String token = personalToken();
        byte[] body = reportOf(List.of(token));
        String signature = scanner.sign(body);
        byte[] flipped = body.clone();
        flipped[flipped.length - 3] ^= 1;

        assertThat(post(flipped, GitHubScanner.KEY_IDENTIFIER, signature).statusCode()).isEqualTo(401);
        assertThat(post(body, GitHubScanner.KEY_IDENTIFIER, null).statusCode()).isEqualTo(401);
        assertThat(post(body, null, signature).statusCode()).isEqualTo(401);
        assertThat(post(body, GitHubScanner.KEY_IDENTIFIER, "bm90IGEgc2lnbmF0dXJl").statusCode()).isEqualTo(401);
        assertThat(self(node(), token)).as("nothing revoked").isEqualTo(200);

        Thread.sleep(REFETCH_AT_MOST_EVERY.toMillis() + 100);
        int fetches = scanner.fetches();
        assertThat(post(body, "an-identifier-github-never-published", signature).statusCode()).isEqualTo(401);
        assertThat(scanner.fetches()).as("an unknown identifier has the list fetched again").isEqualTo(fetches + 1);
        assertThat(post(body, "another-unknown-identifier", signature).statusCode()).isEqualTo(401);
        assertThat(scanner.fetches()).as("but at most once a minute").isEqualTo(fetches + 1);
        assertThat(self(node(), token)).isEqualTo(200);
    }

    @Test
    void aSignedBodyThatIsNoListOfMatchesIsA400AndAnEmptyListAnEmptyAnswer() throws Exception {
        for (String body : List.of("[1]", "{}", "null", "[null]", "[{}]", "not json", "[{\"token\":5}]", "",
                "[{\"token\":\"lk_x\",\"type\":[]}]")) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> refused = post(bytes, GitHubScanner.KEY_IDENTIFIER, scanner.sign(bytes));
            assertThat(refused.statusCode()).as(body).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).as(body).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/problem+json"));
        }
        byte[] empty = "[]".getBytes(StandardCharsets.UTF_8);
        assertThat(labels(post(empty, GitHubScanner.KEY_IDENTIFIER, scanner.sign(empty)))).isEmpty();
        byte[] extra = "[{\"token\":\"lk_x\",\"type\":\"t\",\"url\":\"\",\"source\":\"npm\",\"new_field\":1}]"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(labels(post(extra, GitHubScanner.KEY_IDENTIFIER, scanner.sign(extra))))
                .as("a field GitHub adds one day is ignored").extracting(label -> label.get("label"))
                .containsExactly("false_positive");
    }

    @Test
    void theOwnerSeesInTheConsoleWhereTheirTokenWasFoundUntilTheyDismissIt() throws Exception {
        String username = "owner-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = HttpCalls.send(node(), "POST", "/api/v1/admin/accounts",
                HttpCalls.headers(admin, "application/json"),
                "{\"username\":\"" + username + "\",\"password\":\"owner-password-1\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> issued = HttpCalls.send(node(), "POST", "/api/v1/tokens",
                HttpCalls.headers(EndToEndScenario.basic(username, "owner-password-1"), "application/json"),
                "{\"description\":\"deploy key\"}");
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        Map<String, Object> token = json.readValue(issued.body(), Argument.mapOf(String.class, Object.class));
        String tokenId = (String) EndToEndScenario.infoOf(token).get("tokenId");
        byte[] body = reportOf(List.of((String) token.get("token")));
        labels(post(body, GitHubScanner.KEY_IDENTIFIER, scanner.sign(body)));

        ConsoleHttpClient browser = new ConsoleHttpClient(node());
        assertThat(browser.signIn(username, "owner-password-1").statusCode()).isEqualTo(303);
        String page = browser.get("/console/tokens").body();
        assertThat(rowOf(page, tokenId)).contains("revoked: found leaked (content)");
        assertThat(page).contains("A token of yours was found leaked, and revoked", "<strong>deploy key</strong>",
                "found by content", "https://github.com/octo/app/blob/main/.env");

        HttpResponse<String> dismissed = browser.postWithFormToken("/console/tokens/leak-notices/dismiss", Map.of(),
                Map.of());
        assertThat(dismissed.statusCode()).isEqualTo(303);
        try (LatchkeyNode other = new LatchkeyNode(datasource(), settings())) {
            String elsewhere = browser.copiedTo(other).get("/console/tokens").body();
            assertThat(elsewhere).as("dismissed on every node").doesNotContain("found leaked, and revoked");
            assertThat(rowOf(elsewhere, tokenId)).as("the row still says why").contains("revoked: found leaked");
        }
    }

    private static String rowOf(String page, String tokenId) {
        int start = page.indexOf("<tr data-token-id=\"" + tokenId + "\"");
        assertThat(start).as("a row for token %s", tokenId).isNotNegative();
        return page.substring(start, page.indexOf("</tr>", start));
    }

    @Test
    void aBatchOfAThousandMatchesIsAnsweredWellWithinGitHubsThirtySeconds() throws Exception {
        List<String> tokens = new ArrayList<>();
        for (int live = 0; live < 100; live++) {
            tokens.add(personalToken());
        }
        for (int unknown = 0; tokens.size() < 1_000; unknown++) {
            tokens.add(unknown % 2 == 0 ? "lk_" + Integer.toString(unknown, 36) + "x".repeat(40) : "ghp_" + unknown);
        }
        byte[] body = reportOf(tokens);

        long started = System.nanoTime();
        List<Map<String, Object>> labels = labels(post(body, GitHubScanner.KEY_IDENTIFIER, scanner.sign(body)));
        long millis = (System.nanoTime() - started) / 1_000_000;

        System.out.printf("secret scanning: 1,000 matches (100 live tokens) answered in %d ms%n", millis);
        assertThat(labels).hasSize(1_000);
        assertThat(labels.stream().filter(label -> "true_positive".equals(label.get("label")))).hasSize(100);
        assertThat(millis).as("GitHub waits 30 s").isLessThan(30_000);
        assertThat(self(node(), tokens.get(0))).isEqualTo(401);
    }
}
