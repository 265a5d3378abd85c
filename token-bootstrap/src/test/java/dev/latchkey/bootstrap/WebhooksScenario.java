package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Events through the whole service to a receiver of the test's own, on loopback: each fired by the real action,
 * each verified as the Standard Webhooks specification says a receiver verifies (written here from the
 * specification, not taken from Latchkey's code); retried under the same id; refused destinations refused.
 */
abstract class WebhooksScenario extends ServiceOnTestDatabase {

    private static final String MASTER_KEY = Base64.getEncoder().encodeToString(
            new java.security.SecureRandom().generateSeed(32));

    /** A request the receiver took. */
    record Received(String path, Map<String, String> headers, byte[] body, Instant at) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final String admin = EndToEndScenario.basic(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** Statuses the receiver answers a path's requests with, one per request, then 204. */
    private final Map<String, List<Integer>> scripted = new java.util.concurrent.ConcurrentHashMap<>();
    private HttpServer receiver;
    private JsonMapper json;

    @Override
    protected Map<String, Object> settings() {
        // Coalesced events (limited logins among them) leave at each count interval: a short one here.
        return Map.of("latchkey.webhooks.allow-insecure-destinations", true,
                "latchkey.webhooks.poll-interval", "100ms", "latchkey.master-key", MASTER_KEY,
                "latchkey.audit.count-interval", "1s");
    }

    @BeforeAll
    void startReceiver() throws IOException {
        json = node().context().getBean(JsonMapper.class);
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            Map<String, String> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT),
                    values.get(0)));
            String path = exchange.getRequestURI().getPath();
            received.add(new Received(path, headers, exchange.getRequestBody().readAllBytes(), Instant.now()));
            List<Integer> statuses = scripted.getOrDefault(path, List.of());
            exchange.sendResponseHeaders(statuses.isEmpty() ? 204 : statuses.remove(0), -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    void stopReceiver() {
        receiver.stop(0);
    }

    /** Each test's endpoint receives at a path of its own, and is disabled after it, so tests hear only their own. */
    @org.junit.jupiter.api.AfterEach
    void disableEveryEndpoint() throws Exception {
        for (Object listed : (List<?>) body(call(node(), "GET", "/api/v1/admin/webhooks", null)).get("webhooks")) {
            call(node(), "DELETE", "/api/v1/admin/webhooks/" + ((Map<?, ?>) listed).get("id"), null);
        }
    }

    String receiverUrl(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    Map<String, Object> body(HttpResponse<String> response) throws IOException {
        return json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
    }

    HttpResponse<String> call(LatchkeyNode node, String method, String path, String body) throws Exception {
        return HttpCalls.send(node, method, path, HttpCalls.headers(admin, body == null ? null : "application/json"),
                body);
    }

    Map<String, Object> register(String path, String events) throws Exception {
        HttpResponse<String> created = call(node(), "POST", "/api/v1/admin/webhooks",
                "{\"url\":\"" + receiverUrl(path) + "\",\"events\":" + events + ",\"description\":\"test receiver\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return body(created);
    }

    /** The Standard Webhooks verification: HMAC-SHA256 of id.timestamp.body with the secret's bytes, any of v1. */
    private static boolean verifies(String secret, Map<String, String> headers, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        mac.update((headers.get("webhook-id") + "." + headers.get("webhook-timestamp") + ".")
                .getBytes(StandardCharsets.UTF_8));
        String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        long age = Math.abs(Instant.now().getEpochSecond() - Long.parseLong(headers.get("webhook-timestamp")));
        return age < 300 && List.of(headers.get("webhook-signature").split(" ")).contains(expected);
    }

    /** What the path has received once {@code done} holds of it, waiting at most {@code within}. */
    List<Received> await(String path, Predicate<List<Received>> done, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!done.test(at(path)) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(done.test(at(path))).as("received %s", at(path).stream().map(Received::text).toList()).isTrue();
        return at(path);
    }

    List<Received> at(String path) {
        return received.stream().filter(delivery -> delivery.path().equals(path)).toList();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> parsed(Received delivery) throws IOException {
        return json.readValue(delivery.body(), Argument.mapOf(String.class, Object.class));
    }

    @Test
    void eachEventFiredByItsActionArrivesSignedAndATamperedOneFailsVerification() throws Exception {
        Map<String, Object> endpoint = register("/events",
                "[\"token.issued\",\"token.revoked\",\"account.disabled\"]");
        String secret = (String) endpoint.get("secret");
        assertThat(secret).startsWith("whsec_");
        assertThat(call(node(), "GET", "/api/v1/admin/webhooks/" + endpoint.get("id"), null).body())
                .doesNotContain(secret);

        HttpResponse<String> issued = call(node(), "POST", "/api/v1/tokens", "{\"description\":\"ci\"}");
        String tokenId = (String) EndToEndScenario.infoOf(body(issued)).get("tokenId");
        assertThat(call(node(), "DELETE", "/api/v1/tokens/" + tokenId, null).statusCode()).isEqualTo(204);
        HttpResponse<String> account = call(node(), "POST", "/api/v1/admin/accounts",
                "{\"username\":\"leaver\",\"password\":\"leaver-password-1\"}");
        assertThat(account.statusCode()).isEqualTo(201);
        assertThat(call(node(), "PATCH", "/api/v1/admin/accounts/leaver", "{\"enabled\":false}").statusCode())
                .isEqualTo(200);

        List<Received> deliveries = await("/events", all -> all.size() >= 3, Duration.ofSeconds(20));
        Thread.sleep(300);
        assertThat(at("/events")).as("nothing else").hasSize(3);
        assertThat(deliveries).extracting(delivery -> (String) parsed(delivery).get("type"))
                .containsExactly("token.issued", "token.revoked", "account.disabled");
        for (Received delivery : deliveries) {
            assertThat(verifies(secret, delivery.headers(), delivery.body())).as(delivery.text()).isTrue();
            assertThat(delivery.headers().get("webhook-id")).startsWith("msg_");
            assertThat(delivery.text()).doesNotContain(secret).doesNotContain("lk_");
        }
        Map<String, Object> revoked = (Map<String, Object>) parsed(deliveries.get(1)).get("data");
        assertThat(revoked).containsEntry("tokenId", tokenId).containsEntry("reason", "requested")
                .containsEntry("tokenKind", "personal");
        assertThat(deliveries.stream().map(delivery -> delivery.headers().get("webhook-id")).distinct()).hasSize(3);

        Received first = deliveries.get(0);
        byte[] tampered = first.text().replace("token.issued", "token.revoked").getBytes(StandardCharsets.UTF_8);
        assertThat(verifies(secret, first.headers(), tampered)).isFalse();
        Map<String, String> otherTime = new java.util.HashMap<>(first.headers());
        otherTime.put("webhook-timestamp", Long.toString(Long.parseLong(first.headers().get("webhook-timestamp")) + 1));
        assertThat(verifies(secret, otherTime, first.body())).isFalse();

        HttpResponse<String> attempts = call(node(), "GET", "/api/v1/admin/webhooks/" + endpoint.get("id")
                + "/deliveries", null);
        assertThat(attempts.statusCode()).isEqualTo(200);
        assertThat(attempts.body()).contains("\"state\":\"delivered\"", "\"status\":204");
        assertThat(call(node(), "DELETE", "/api/v1/admin/webhooks/" + endpoint.get("id"), null).statusCode())
                .isEqualTo(204);
        assertThat(call(node(), "DELETE", "/api/v1/admin/webhooks/" + endpoint.get("id"), null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void aFailedDeliveryIsRetriedUnderTheSameIdAndTheNextWaitsBehindIt() throws Exception {
        scripted.put("/retry", new CopyOnWriteArrayList<>(List.of(500)));
        Map<String, Object> endpoint = register("/retry", "[\"webhook.test\"]");
        String id = (String) endpoint.get("id");

        assertThat(call(node(), "POST", "/api/v1/admin/webhooks/" + id + "/test", null).statusCode()).isEqualTo(202);
        assertThat(call(node(), "POST", "/api/v1/admin/webhooks/" + id + "/test", null).statusCode()).isEqualTo(202);

        List<Received> deliveries = await("/retry", all -> all.size() >= 3, Duration.ofSeconds(20));
        assertThat(deliveries.get(0).headers().get("webhook-id")).isEqualTo(deliveries.get(1).headers()
                .get("webhook-id"));
        assertThat(Duration.between(deliveries.get(0).at(), deliveries.get(1).at()))
                .as("about 5 s later").isBetween(Duration.ofSeconds(3), Duration.ofSeconds(8));
        assertThat(deliveries.get(2).headers().get("webhook-id")).isNotEqualTo(deliveries.get(0).headers()
                .get("webhook-id"));
        assertThat(parsed(deliveries.get(0))).containsEntry("type", "webhook.test");
        String history = call(node(), "GET", "/api/v1/admin/webhooks/" + id + "/deliveries?limit=1", null).body();
        assertThat(history).contains("\"status\":204").doesNotContain("\"status\":500");
        String older = call(node(), "GET", "/api/v1/admin/webhooks/" + id + "/deliveries", null).body();
        assertThat(older).contains("\"status\":500", "\"status\":204");
    }

    @Test
    void anEndpointThatAnswersGoneIsDisabledAndTheTrailSaysWhy() throws Exception {
        scripted.put("/gone", new CopyOnWriteArrayList<>(List.of(410)));
        Map<String, Object> endpoint = register("/gone", "[\"webhook.test\"]");
        String id = (String) endpoint.get("id");

        call(node(), "POST", "/api/v1/admin/webhooks/" + id + "/test", null);

        await("/gone", all -> !all.isEmpty(), Duration.ofSeconds(20));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Map<String, Object> found = body(call(node(), "GET", "/api/v1/admin/webhooks/" + id, null));
        while (Boolean.TRUE.equals(found.get("enabled")) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            found = body(call(node(), "GET", "/api/v1/admin/webhooks/" + id, null));
        }
        assertThat(found).containsEntry("enabled", false).containsEntry("disabledReason", "answered 410 Gone");
        assertThat(call(node(), "GET", "/api/v1/admin/audit?type=webhook.disabled", null).body())
                .contains("answered-410-Gone");
    }

    @Test
    void anInternalOrPlainHttpDestinationIsRefusedWithoutTheInsecureSetting() throws Exception {
        Map<String, Object> strict = new java.util.HashMap<>(settings());
        strict.put("latchkey.webhooks.allow-insecure-destinations", false);
        try (LatchkeyNode careful = new LatchkeyNode(datasource(), strict)) {
            for (String url : List.of("http://169.254.169.254/", "http://localhost", "https://10.0.0.1",
                    "https://localhost/hook", receiverUrl("/x"))) {
                HttpResponse<String> refused = call(careful, "POST", "/api/v1/admin/webhooks",
                        "{\"url\":\"" + url + "\",\"events\":[\"*\"]}");
                assertThat(refused.statusCode()).as(url + " " + refused.body()).isEqualTo(400);
                assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                        assertThat(type).startsWith("application/problem+json"));
            }
        }
        HttpResponse<String> unknown = call(node(), "POST", "/api/v1/admin/webhooks",
                "{\"url\":\"" + receiverUrl("/x") + "\",\"events\":[\"token.stolen\"]}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("token.stolen");
        assertThat(HttpCalls.send(node(), "POST", "/api/v1/admin/webhooks", HttpCalls.headers(
                EndToEndScenario.basic("nobody", "wrong-password-1"), "application/json"), "{}").statusCode())
                .isEqualTo(401);
    }

    /**
     * Two endpoints at once: one answers 500 twice, then takes everything; the other's receiver is down for 50
     * seconds (nothing listens on its port), spanning the first two attempts. Each gets every event, the first of
     * them under one id however often it is tried, and in the order the events were committed.
     */
    @Test
    void aFailingOrAbsentReceiverGetsEveryEventInOrderOnceItAnswers() throws Exception {
        scripted.put("/flaky", new CopyOnWriteArrayList<>(List.of(500, 500)));
        register("/flaky", "[\"token.issued\"]");
        int downPort;
        try (java.net.ServerSocket reserved = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            downPort = reserved.getLocalPort();
        }
        HttpResponse<String> down = call(node(), "POST", "/api/v1/admin/webhooks", "{\"url\":\"http://127.0.0.1:"
                + downPort + "/down\",\"events\":[\"token.issued\"]}");
        assertThat(down.statusCode()).as(down.body()).isEqualTo(201);
        List<String> issued = new ArrayList<>();
        Instant firstEvent = Instant.now();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> token = call(node(), "POST", "/api/v1/tokens", "{\"description\":\"order " + i
                    + "\"}");
            issued.add((String) EndToEndScenario.infoOf(body(token)).get("tokenId"));
        }
        Thread.sleep(Math.max(0, Duration.ofSeconds(50).minus(Duration.between(firstEvent, Instant.now())).toMillis()));
        HttpServer back = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), downPort), 0);
        back.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestURI().getPath(), Map.of("webhook-id",
                    exchange.getRequestHeaders().getFirst("webhook-id")), exchange.getRequestBody().readAllBytes(),
                    Instant.now()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        back.start();
        try {
            List<Received> flaky = await("/flaky", all -> all.size() >= 5, Duration.ofSeconds(60));
            List<Received> cameBack = await("/down", all -> all.size() >= 3, Duration.ofSeconds(60));
            Thread.sleep(500);

            assertThat(at("/flaky")).hasSize(5);
            assertThat(flaky.subList(0, 3)).extracting(delivery -> delivery.headers().get("webhook-id"))
                    .containsOnly(flaky.get(0).headers().get("webhook-id"));
            assertThat(flaky.subList(2, 5)).extracting(delivery -> tokenIdOf(delivery)).containsExactlyElementsOf(
                    issued);
            assertThat(at("/down")).hasSize(3);
            assertThat(cameBack).extracting(delivery -> tokenIdOf(delivery)).containsExactlyElementsOf(issued);
        } finally {
            back.stop(0);
        }
    }

    @SuppressWarnings("unchecked")
    String tokenIdOf(Received delivery) {
        try {
            return (String) ((Map<String, Object>) parsed(delivery).get("data")).get("tokenId");
        } catch (IOException unreadable) {
            throw new AssertionError(unreadable);
        }
    }

    /**
     * The other kinds an endpoint may subscribe to, each fired by its real action through the API: a rotation, a leak
     * report, a refresh token's reuse, a client disabled, a policy changed, logins limited. Each arrives once, under its
     * name, and verifies.
     */
    @Test
    void everyOtherKindOfEventFiredByItsRealActionArrivesSignedUnderItsName() throws Exception {
        Map<String, Object> endpoint = register("/kinds", "[\"token.rotated\",\"token.leaked\","
                + "\"refresh_token.reused\",\"client.disabled\",\"policy.changed\",\"login.limited\"]");
        String secret = (String) endpoint.get("secret");

        String toRotate = (String) EndToEndScenario.infoOf(body(call(node(), "POST", "/api/v1/tokens",
                "{\"description\":\"to rotate\"}"))).get("tokenId");
        HttpResponse<String> rotated = call(node(), "POST", "/api/v1/tokens/" + toRotate + "/rotate", null);
        assertThat(rotated.statusCode()).as(rotated.body()).isBetween(200, 201);

        String leaked = (String) body(call(node(), "POST", "/api/v1/tokens", "{\"description\":\"to leak\"}"))
                .get("token");
        assertThat(HttpCalls.send(node(), "POST", "/api/v1/credentials/revoke", HttpCalls.headers(null,
                "application/json"), "{\"credentials\":[\"" + leaked + "\"]}").statusCode()).isEqualTo(202);

        Map<String, Object> client = body(call(node(), "POST", "/api/v1/clients", "{\"name\":\"reuser\","
                + "\"grantTypes\":[\"password\",\"refresh_token\"]}"));
        Map<String, String> clientHeaders = HttpCalls.headers(EndToEndScenario.basic((String) client.get("clientId"),
                (String) client.get("clientSecret")), "application/x-www-form-urlencoded");
        Map<String, Object> pair = body(HttpCalls.send(node(), "POST", "/oauth2/token", clientHeaders,
                "grant_type=password&username=" + LatchkeyNode.ADMIN + "&password="
                        + LatchkeyNode.ADMIN_PASSWORD.replace(" ", "+")));
        String refresh = "grant_type=refresh_token&refresh_token=" + pair.get("refresh_token");
        assertThat(HttpCalls.send(node(), "POST", "/oauth2/token", clientHeaders, refresh).statusCode())
                .isEqualTo(200);
        Thread.sleep(2_500);
        assertThat(HttpCalls.send(node(), "POST", "/oauth2/token", clientHeaders, refresh).statusCode())
                .as("a spent refresh token, after the leeway").isEqualTo(400);

        assertThat(call(node(), "PATCH", "/api/v1/clients/" + client.get("clientId"), "{\"enabled\":false}")
                .statusCode()).isEqualTo(200);
        assertThat(call(node(), "PUT", "/api/v1/admin/policies/organizations/acme",
                "{\"maximumLifetimeSeconds\":86400}").statusCode()).isEqualTo(200);
        int limited = 0;
        for (int attempt = 0; attempt < 12 && limited == 0; attempt++) {
            int status = HttpCalls.send(node(), "GET", "/api/v1/tokens", HttpCalls.headers(
                    EndToEndScenario.basic("limited-user", "a-wrong-password-" + attempt), null), null).statusCode();
            limited = status == 429 ? 1 : 0;
        }
        assertThat(limited).as("the username's allowance of failures is spent").isEqualTo(1);

        List<String> kinds = List.of("token.rotated", "token.leaked", "refresh_token.reused", "client.disabled",
                "policy.changed", "login.limited");
        List<Received> deliveries = await("/kinds", all -> all.stream().map(this::typeOf).collect(
                java.util.stream.Collectors.toSet()).containsAll(kinds), Duration.ofSeconds(20));
        for (Received delivery : deliveries) {
            assertThat(verifies(secret, delivery.headers(), delivery.body())).as(delivery.text()).isTrue();
            assertThat(delivery.text()).doesNotContain(leaked);
        }
        assertThat(deliveries.stream().map(this::typeOf).filter(kind -> !kind.equals("login.limited")))
                .as("each once; limited logins once per interval").doesNotHaveDuplicates();
    }

    private String typeOf(Received delivery) {
        try {
            return (String) parsed(delivery).get("type");
        } catch (IOException unreadable) {
            throw new AssertionError(unreadable);
        }
    }
}
