package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.latchkey.adapter.persistence.EmbeddedPostgresDatabase;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the node that is sending an event, after the event committed and before the receiver answered:
 * the event is delivered all the same, under its id, by another node on PostgreSQL, or by the node restarted on the
 * embedded H2 store, once the dead node's claim on the endpoint lapses (a minute).
 */
class WebhookKillNineTest {

    private static final Pattern TOKEN_ID = Pattern.compile("\"tokenId\":\"([^\"]+)\"");
    private static final Map<String, String> WEBHOOK_SETTINGS = Map.of(
            "LATCHKEY_WEBHOOKS_ALLOW_INSECURE_DESTINATIONS", "true", "LATCHKEY_WEBHOOKS_POLL_INTERVAL", "100ms");

    /** A request the receiver took, and whether it answered it. */
    private record Received(String webhookId, String body, boolean answered) {
    }

    private final String admin = EndToEndScenario.basic(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** While set, the receiver takes a request and never answers it, as a receiver does that hangs. */
    private final AtomicBoolean hanging = new AtomicBoolean(true);
    private final CountDownLatch released = new CountDownLatch(1);
    private final HttpServer receiver = receiver();

    private HttpServer receiver() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/", exchange -> {
                String id = exchange.getRequestHeaders().getFirst("webhook-id");
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                if (hanging.get()) {
                    received.add(new Received(id, body, false));
                    try {
                        released.await(2, TimeUnit.MINUTES);
                    } catch (InterruptedException stopped) {
                        Thread.currentThread().interrupt();
                    }
                    exchange.close();
                    return;
                }
                received.add(new Received(id, body, true));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (java.io.IOException failed) {
            throw new IllegalStateException(failed);
        }
    }

    @AfterEach
    void stopReceiver() {
        released.countDown();
        receiver.stop(0);
    }

    @Test
    void onTheEmbeddedH2StoreTheRestartedNodeDeliversIt(@TempDir Path workingDirectory) throws Exception {
        ServiceProcess first = ServiceProcess.start(workingDirectory, WEBHOOK_SETTINGS);
        String hungId;
        String tokenId;
        try {
            tokenId = commitAnEventAndHangItsDelivery(first);
            hungId = received.get(0).webhookId();
            assertThat(first.kill()).as("killed by signal 9").isEqualTo(128 + 9);
        } finally {
            first.process().destroyForcibly();
        }
        answerFromNowOn();

        ServiceProcess restarted = ServiceProcess.start(workingDirectory, WEBHOOK_SETTINGS);
        try {
            assertDeliveredUnder(hungId, tokenId);
        } finally {
            restarted.stop();
        }
    }

    @Test
    void onPostgresTheOtherNodeDeliversIt(@TempDir Path workingDirectory) throws Exception {
        try (EmbeddedPostgresDatabase database = new EmbeddedPostgresDatabase()) {
            Map<String, Object> datasource = database.start();
            Map<String, String> environment = new HashMap<>(WEBHOOK_SETTINGS);
            environment.put("DATASOURCES_DEFAULT_URL", datasource.get("datasources.default.url").toString());
            environment.put("DATASOURCES_DEFAULT_USERNAME", datasource.get("datasources.default.username").toString());
            environment.put("DATASOURCES_DEFAULT_PASSWORD", datasource.get("datasources.default.password").toString());
            environment.put("LATCHKEY_MASTER_KEY", datasource.get("latchkey.master-key").toString());
            ServiceProcess first = ServiceProcess.start(workingDirectory, environment);
            String tokenId;
            LatchkeyNode other;
            try {
                tokenId = commitAnEventAndHangItsDelivery(first);
                // Started only now, so that the node killed is the one sending.
                other = new LatchkeyNode(datasource, Map.of("latchkey.webhooks.allow-insecure-destinations", true,
                        "latchkey.webhooks.poll-interval", "100ms"));
                assertThat(first.kill()).as("killed by signal 9").isEqualTo(128 + 9);
            } finally {
                first.process().destroyForcibly();
            }
            try (other) {
                answerFromNowOn();
                assertDeliveredUnder(received.get(0).webhookId(), tokenId);
            }
        }
    }

    /** Registers an endpoint, issues a token, and waits until the node is sending its event to a receiver that hangs. */
    private String commitAnEventAndHangItsDelivery(ServiceProcess node) throws Exception {
        HttpResponse<String> endpoint = node.send("POST", "/api/v1/admin/webhooks", admin, "application/json",
                "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/events\",\"events\":"
                        + "[\"token.issued\"]}");
        assertThat(endpoint.statusCode()).as(endpoint.body()).isEqualTo(201);
        HttpResponse<String> issued = node.send("POST", "/api/v1/tokens", admin, "application/json",
                "{\"description\":\"cut off\"}");
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        Matcher id = TOKEN_ID.matcher(issued.body());
        assertThat(id.find()).isTrue();
        await(() -> !received.isEmpty(), "the node is sending the event");
        return id.group(1);
    }

    private void answerFromNowOn() {
        hanging.set(false);
        released.countDown();
    }

    private void assertDeliveredUnder(String webhookId, String tokenId) throws InterruptedException {
        await(() -> received.stream().anyMatch(Received::answered), "another node delivers the event");
        Received delivered = received.stream().filter(Received::answered).findFirst().orElseThrow();
        assertThat(delivered.webhookId()).as("the same message, under its id").isEqualTo(webhookId);
        assertThat(delivered.body()).contains("\"type\":\"token.issued\"", "\"tokenId\":\"" + tokenId + "\"");
        assertThat(received.stream().filter(Received::answered)).hasSize(1);
    }

    private static void await(BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(100).toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(done.getAsBoolean()).as(what).isTrue();
    }
}
