package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import dev.latchkey.adapter.rest.MovableClock;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Owners' notices through the whole service, with a clock the test moves: the expiry scan on two nodes and across a
 * restart announces each threshold once, by webhook and by mail to an SMTP server in the test (GreenMail); a
 * revocation by an administrator is mailed, one by the owner is not, and an owner who turned notices off gets none.
 */
abstract class NoticesScenario extends ServiceOnTestDatabase {

    private static final String MASTER_KEY = Base64.getEncoder().encodeToString(
            new java.security.SecureRandom().generateSeed(32));
    private static final String ALICE_PASSWORD = "alice's long password";
    private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");
    private static final Pattern TOKEN_ID = Pattern.compile("\"tokenId\":\"([^\"]+)\"");

    private final MovableClock clock = new MovableClock(Instant.now().truncatedTo(ChronoUnit.MICROS));
    private final GreenMail smtp = started(new GreenMail(ServerSetupTest.SMTP.dynamicPort()));
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final HttpServer receiver = receiver();
    private final String admin = EndToEndScenario.basic(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD);
    private final String alice = EndToEndScenario.basic("alice", ALICE_PASSWORD);

    private static GreenMail started(GreenMail server) {
        server.start();
        return server;
    }

    private HttpServer receiver() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                events.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (java.io.IOException failed) {
            throw new IllegalStateException(failed);
        }
    }

    @Override
    protected Map<String, Object> settings() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("latchkey.master-key", MASTER_KEY);
        settings.put("latchkey.webhooks.allow-insecure-destinations", true);
        settings.put("latchkey.webhooks.poll-interval", "100ms");
        settings.put("latchkey.notifications.scan-interval", "1s");
        settings.put("latchkey.mail.host", "127.0.0.1");
        settings.put("latchkey.mail.port", smtp.getSmtp().getPort());
        settings.put("latchkey.mail.starttls", false);
        settings.put("latchkey.mail.from", "latchkey@example.com");
        settings.put("latchkey.mail.poll-interval", "100ms");
        // Links in mail name the service's public address, whichever node sends them.
        settings.put("latchkey.oauth.issuer", "https://latchkey.example");
        return settings;
    }

    @Override
    protected Object[] beans() {
        return new Object[] {clock};
    }

    @AfterAll
    void stopServers() {
        smtp.stop();
        receiver.stop(0);
    }

    private HttpResponse<String> call(LatchkeyNode node, String authorization, String method, String path,
                                      String body) throws Exception {
        return HttpCalls.send(node, method, path, HttpCalls.headers(authorization, body == null ? null
                : "application/json"), body);
    }

    private static String field(Pattern pattern, String json) {
        Matcher matcher = pattern.matcher(json);
        assertThat(matcher.find()).as(json).isTrue();
        return matcher.group(1);
    }

    private String[] issue(String description, long lifetimeSeconds) throws Exception {
        HttpResponse<String> issued = call(node(), alice, "POST", "/api/v1/tokens", "{\"description\":\""
                + description + "\",\"lifetimeSeconds\":" + lifetimeSeconds + "}");
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        return new String[] {field(TOKEN, issued.body()), field(TOKEN_ID, issued.body())};
    }

    private static void await(BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(done.getAsBoolean()).as(what).isTrue();
    }

    private List<String> eventsOf(String type) {
        return events.stream().filter(event -> event.startsWith("{\"type\":\"" + type + "\"")).toList();
    }

    private List<MimeMessage> mail() {
        return List.of(smtp.getReceivedMessages());
    }

    @Test
    void eachThresholdIsAnnouncedOnceAcrossTwoNodesAndARestartByWebhookAndMail() throws Exception {
        assertThat(call(node(), admin, "POST", "/api/v1/admin/accounts", "{\"username\":\"alice\",\"password\":\""
                + ALICE_PASSWORD + "\",\"email\":\"alice@example.com\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> endpoint = call(node(), admin, "POST", "/api/v1/admin/webhooks", "{\"url\":\"http://"
                + "127.0.0.1:" + receiver.getAddress().getPort() + "/expiry\",\"events\":[\"token.expiring\","
                + "\"token.expired\"]}");
        assertThat(endpoint.statusCode()).as(endpoint.body()).isEqualTo(201);
        String[] deployKey = issue("deploy key", Duration.ofDays(10).toSeconds());
        LatchkeyNode second = new LatchkeyNode(datasource(), settings(), clock);
        List<LatchkeyNode> started = new ArrayList<>(List.of(second));
        try {
            clock.advance(Duration.ofDays(3).plusMinutes(1));
            await(() -> eventsOf("token.expiring").size() == 1 && mail().size() == 1, "the 7-day warning");
            Thread.sleep(2500);
            assertThat(eventsOf("token.expiring")).hasSize(1);
            assertThat(mail()).hasSize(1);

            second.close();
            LatchkeyNode restarted = new LatchkeyNode(datasource(), settings(), clock);
            started.add(restarted);
            clock.advance(Duration.ofDays(6));
            await(() -> eventsOf("token.expiring").size() == 2 && mail().size() == 2, "the 1-day warning");
            clock.advance(Duration.ofDays(1));
            await(() -> eventsOf("token.expired").size() == 1, "the expiry");
            Thread.sleep(2500);
        } finally {
            started.forEach(LatchkeyNode::close);
        }

        assertThat(eventsOf("token.expiring")).hasSize(2).allMatch(event -> event.contains(deployKey[1]));
        assertThat(eventsOf("token.expiring").get(0)).contains("warning=7d");
        assertThat(eventsOf("token.expiring").get(1)).contains("warning=1d");
        assertThat(eventsOf("token.expired")).hasSize(1);
        assertThat(mail()).as("no mail for the expiry itself").hasSize(2);
        MimeMessage warning = mail().get(0);
        String body = GreenMailUtil.getBody(warning);
        assertThat(warning.getAllRecipients()[0].toString()).isEqualTo("alice@example.com");
        assertThat(warning.getFrom()[0].toString()).isEqualTo("latchkey@example.com");
        assertThat(warning.getSubject()).startsWith("Your Latchkey token \"deploy key\" expires on");
        assertThat(body).contains("Hello alice", deployKey[1], "within 7d",
                "https://latchkey.example/console/tokens").doesNotContain(deployKey[0]);
        assertThat(GreenMailUtil.getBody(mail().get(1))).contains("within 1d").doesNotContain(deployKey[0]);

        // A revocation by an administrator is mailed; the owner's own is not; nor anything once notices are off.
        int before = mail().size();
        String[] revokedByAdmin = issue("ci runner", Duration.ofDays(30).toSeconds());
        String[] revokedByOwner = issue("laptop", Duration.ofDays(30).toSeconds());
        assertThat(call(node(), alice, "DELETE", "/api/v1/tokens/" + revokedByOwner[1], null).statusCode())
                .isEqualTo(204);
        assertThat(call(node(), admin, "DELETE", "/api/v1/admin/accounts/alice/tokens/" + revokedByAdmin[1], null)
                .statusCode()).isEqualTo(204);
        await(() -> mail().size() == before + 1, "the revocation's mail");
        MimeMessage revoked = mail().get(before);
        assertThat(revoked.getSubject()).isEqualTo("Your Latchkey token \"ci runner\" was revoked");
        assertThat(GreenMailUtil.getBody(revoked)).contains("revoked by admin", revokedByAdmin[1])
                .doesNotContain(revokedByAdmin[0]);

        HttpResponse<String> off = call(node(), alice, "PATCH", "/api/v1/account", "{\"notifications\":false}");
        assertThat(off.statusCode()).as(off.body()).isEqualTo(200);
        assertThat(off.body()).contains("\"username\":\"alice\"", "\"notifications\":false");
        String[] quiet = issue("quiet", Duration.ofDays(30).toSeconds());
        assertThat(call(node(), admin, "DELETE", "/api/v1/admin/accounts/alice/tokens/" + quiet[1], null)
                .statusCode()).isEqualTo(204);
        Thread.sleep(1000);
        assertThat(mail()).hasSize(before + 1);
        assertThat(call(node(), alice, "GET", "/api/v1/account", null).body()).contains("\"notifications\":false",
                "\"email\":\"alice@example.com\"");
    }

    @Test
    void aChangeOfNoticesThatSaysNothingClearIsRefusedWithAProblem() throws Exception {
        for (String body : List.of("{}", "{\"notifications\":\"yes\"}", "{\"notifications\":false,\"role\":\"admin\"}",
                "[]", "not json")) {
            HttpResponse<String> refused = call(node(), admin, "PATCH", "/api/v1/account", body);
            assertThat(refused.statusCode()).as(body + " → " + refused.body()).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/problem+json"));
        }
        assertThat(call(node(), null, "GET", "/api/v1/account", null).statusCode()).isEqualTo(401);
    }
}
