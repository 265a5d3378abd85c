package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.persistence.StoreMetrics;
import dev.latchkey.adapter.rest.security.DirectRouteCounts;
import dev.latchkey.domain.AuditEventType;
import dev.latchkey.domain.TokenSecret;
import io.micronaut.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The routes served directly (ADR 23) answer exactly what Micronaut's routing answers for the same request, refusals
 * included; what they decline reaches Micronaut with nothing checked or counted twice; and responses on one
 * connection keep the order of its requests.
 *
 * <p>Each request is sent twice on one node: as it is, which the direct path may serve, and with a query
 * ({@code ?via=router}), which routes to the same controller but is never served directly. The two answers must be
 * equal but for the date and the moment of last use.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectRoutesTest {

    private static final String SELF = "/api/v1/tokens/self";
    private static final String INTROSPECT = "/oauth2/introspect";
    private static final String METADATA = "/.well-known/oauth-authorization-server";
    private static final Pattern FIELD = Pattern.compile("\"(token|tokenId)\":\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private LatchkeyNode node;
    private DirectRouteCounts counts;
    private StoreMetrics metrics;
    private JsonMapper json;
    private String introspector;
    private String plain;
    private String revoked;

    @BeforeAll
    void start(@TempDir Path store) throws Exception {
        node = new LatchkeyNode(Map.of("datasources.default.url", "jdbc:h2:file:" + store.resolve("latchkey")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"),
                Map.of("latchkey.oauth.issuer", "https://issuer.example"));
        counts = node.context().getBean(DirectRouteCounts.class);
        metrics = node.context().getBean(StoreMetrics.class);
        json = node.context().getBean(JsonMapper.class);
        introspector = issue("{\"description\":\"resource server\",\"scopes\":[\"introspect\"]}")[0];
        plain = issue("{\"description\":\"plain\"}")[0];
        String[] toRevoke = issue("{\"description\":\"to revoke\"}");
        revoked = toRevoke[0];
        assertThat(send("DELETE", "/api/v1/tokens/" + toRevoke[1], admin(), null, Map.of()).statusCode())
                .isEqualTo(204);
        // Once each, so that the token checks are answered from memory from now on, as on a node in service.
        send("GET", SELF, "Bearer " + introspector, null, Map.of());
        send("GET", SELF, "Bearer " + plain, null, Map.of());
    }

    @AfterAll
    void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void theCallersTokenIsServedDirectlyAndAnsweredAsMicronautAnswersIt() throws Exception {
        assertServedAlike(true, "GET", SELF, "Bearer " + introspector, null, Map.of());
        assertServedAlike(true, "GET", SELF, "Bearer " + plain, null, Map.of("Origin", "https://elsewhere.example"));
    }

    @Test
    void introspectionIsServedDirectlyForEveryAnswerItsControllerGives() throws Exception {
        String form = "application/x-www-form-urlencoded";
        assertServedAlike(true, "POST", INTROSPECT, "Bearer " + introspector, "token=" + plain,
                Map.of("Content-Type", form));
        assertServedAlike(true, "POST", INTROSPECT, "Bearer " + introspector, "token=lk_unknown",
                Map.of("Content-Type", form));
        assertServedAlike(true, "POST", INTROSPECT, "Bearer " + plain, "token=" + introspector,
                Map.of("Content-Type", form));
        assertServedAlike(true, "POST", INTROSPECT, null, "token=" + plain, Map.of("Content-Type", form));
        assertServedAlike(true, "POST", INTROSPECT, "Bearer " + introspector, "", Map.of("Content-Type", form));
        assertServedAlike(true, "POST", INTROSPECT, "Bearer " + introspector, "token=" + plain,
                Map.of("Content-Type", form, "Sec-Fetch-Site", "cross-site"));
    }

    @Test
    void theMetadataDocumentIsServedDirectly() throws Exception {
        assertServedAlike(true, "GET", METADATA, null, null, Map.of());
    }

    @Test
    void refusalsGoOnToMicronautWithTheRefusalCountedOnce() throws Exception {
        long unknownBefore = metrics.events(AuditEventType.TOKEN_REFUSED, "UNKNOWN_TOKEN");
        long revokedBefore = metrics.events(AuditEventType.TOKEN_REFUSED, "TOKEN_REVOKED");
        long malformedBefore = metrics.events(AuditEventType.TOKEN_REFUSED, "MALFORMED_TOKEN");

        String unknown = TokenSecret.fromRandomBytes(new byte[TokenSecret.RANDOM_BYTES]).reveal();
        assertServedAlike(false, "GET", SELF, "Bearer " + unknown, null, Map.of());
        assertServedAlike(false, "GET", SELF, "Bearer " + revoked, null, Map.of());
        assertServedAlike(false, "GET", SELF, "Bearer not-a-token", null, Map.of());
        assertServedAlike(false, "GET", SELF, null, null, Map.of());
        assertServedAlike(false, "GET", SELF, EndToEndScenario.basic(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD),
                null, Map.of());
        assertServedAlike(false, "GET", SELF, "DPoP " + introspector, null, Map.of("DPoP", "not.a.proof"));

        // Each refused request was sent twice (directly eligible, and not): each refusal counts once per request.
        assertThat(metrics.events(AuditEventType.TOKEN_REFUSED, "UNKNOWN_TOKEN") - unknownBefore).isEqualTo(2);
        assertThat(metrics.events(AuditEventType.TOKEN_REFUSED, "TOKEN_REVOKED") - revokedBefore).isEqualTo(2);
        assertThat(metrics.events(AuditEventType.TOKEN_REFUSED, "MALFORMED_TOKEN") - malformedBefore).isEqualTo(2);
    }

    @Test
    void requestsAMicronautRouteHasNotAnsweredYetAreAnsweredInTheirOrder() throws Exception {
        // Issuing with a password hashes it first (Argon2id, off the event loop): the /self behind it on the same
        // connection must not overtake it.
        String issue = "POST /api/v1/tokens HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                + EndToEndScenario.basic(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD)
                + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";
        String self = "GET " + SELF + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + introspector
                + "\r\n\r\n";
        String metadata = "GET " + METADATA + " HTTP/1.1\r\nHost: localhost\r\n\r\n";

        assertThat(pipelined(issue + self + metadata)).containsExactly(201, 200, 200);
        assertThat(pipelined(self + metadata + self + issue + self)).containsExactly(200, 200, 200, 201, 200);
    }

    @Test
    void aClientThatAcceptsACompressedAnswerIsAnsweredByMicronautWhichCompresses() throws Exception {
        assertServedAlike(false, "GET", METADATA, null, null, Map.of("Accept-Encoding", "gzip"));
        assertServedAlike(false, "GET", SELF, "Bearer " + introspector, null, Map.of("Accept-Encoding", "deflate, br"));
        assertServedAlike(true, "GET", METADATA, null, null, Map.of("Accept-Encoding", "identity"));
    }

    @Test
    void aBodyLargerThanTheDirectPathTakesIsServedByMicronaut() throws Exception {
        long passedOn = counts.passedOn();
        String padding = "&pad=" + "x".repeat(9 * 1024);
        HttpResponse<String> answer = send("POST", INTROSPECT, "Bearer " + introspector, "token=" + plain + padding,
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"active\":true");
        assertThat(counts.passedOn()).isEqualTo(passedOn + 1);
    }

    /**
     * Sends the request as it is and with a query, and asserts that the first was served directly (or passed
     * on) and that both answers are the same.
     */
    private void assertServedAlike(boolean direct, String method, String path, String authorization, String body,
                                   Map<String, String> headers) throws Exception {
        long served = counts.served();
        long passedOn = counts.passedOn();
        HttpResponse<String> eligible = send(method, path, authorization, body, headers);
        assertThat(counts.served() - served).as("served directly: %s %s", method, path).isEqualTo(direct ? 1 : 0);
        assertThat(counts.passedOn() - passedOn).as("passed on: %s %s", method, path).isEqualTo(direct ? 0 : 1);

        HttpResponse<String> routed = send(method, path + "?via=router", authorization, body, headers);
        assertThat(counts.served()).as("a request with a query is never served directly")
                .isEqualTo(served + (direct ? 1 : 0));

        assertThat(eligible.statusCode()).as("%s %s", method, path).isEqualTo(routed.statusCode());
        assertThat(comparable(eligible)).as("%s %s headers", method, path).isEqualTo(comparable(routed));
        assertThat(eligible.headers().firstValue("date")).isPresent();
        assertThat(comparableBody(eligible)).as("%s %s body", method, path).isEqualTo(comparableBody(routed));
    }

    private static Map<String, List<String>> comparable(HttpResponse<String> response) {
        Map<String, List<String>> headers = new TreeMap<>();
        response.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.equals("date")) {
                headers.put(lower, values);
            }
        });
        return headers;
    }

    /** The body, with the moment of last use (which moves between the two requests) taken out. */
    private Object comparableBody(HttpResponse<String> response) throws Exception {
        String contentType = response.headers().firstValue("content-type").orElse("");
        if (!contentType.contains("json") || response.body().isEmpty()
                || response.headers().firstValue("content-encoding").isPresent()) {
            return response.body();
        }
        Map<String, Object> document = new LinkedHashMap<>(json.readValue(response.body(), Map.class));
        document.remove("lastUsedAt");
        document.remove("last_used_at");
        return document;
    }

    private HttpResponse<String> send(String method, String path, String authorization, String body,
                                      Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String admin() {
        return EndToEndScenario.basic(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD);
    }

    private String[] issue(String request) throws Exception {
        HttpResponse<String> response = send("POST", "/api/v1/tokens", admin(), request,
                Map.of("Content-Type", "application/json"));
        assertThat(response.statusCode()).isEqualTo(201);
        String[] tokenAndId = new String[2];
        Matcher matcher = FIELD.matcher(response.body());
        while (matcher.find()) {
            tokenAndId[matcher.group(1).equals("token") ? 0 : 1] = matcher.group(2);
        }
        return tokenAndId;
    }

    /** Writes the requests in one go on one connection and reads the status of each response, in order. */
    private List<Integer> pipelined(String requests) throws Exception {
        int expected = requests.split("HTTP/1.1\r\n", -1).length - 1;
        URI url = URI.create(node.url());
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(requests.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            List<Integer> statuses = new ArrayList<>();
            while (statuses.size() < expected) {
                String head = readHead(in);
                statuses.add(Integer.parseInt(head.substring(9, 12)));
                Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
                in.readNBytes(length.find() ? Integer.parseInt(length.group(1)) : 0);
            }
            return statuses;
        }
    }

    private static String readHead(InputStream in) throws Exception {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int next = in.read();
            if (next < 0) {
                throw new AssertionError("the connection closed after " + head);
            }
            head.write(next);
            matched = (next == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (next == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }
}
