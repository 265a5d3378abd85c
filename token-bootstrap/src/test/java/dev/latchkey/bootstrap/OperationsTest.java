package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.latchkey.adapter.persistence.InMemoryH2Database;
import dev.latchkey.adapter.persistence.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What an operator watches: health probes, Prometheus metrics, the access log; and nothing else of the management
 * endpoints is reachable.
 */
class OperationsTest extends ServiceOnTestDatabase {

    private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");
    private final String admin = EndToEndScenario.basic(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD);
    private final HttpClient http = HttpClient.newHttpClient();

    @Override
    protected TestDatabase database() {
        return new InMemoryH2Database();
    }

    /** The access log exists only when its level asks for lines, as an operator switches it on. */
    @Override
    protected Map<String, Object> settings() {
        return Map.of("logger.levels.latchkey.access", "INFO");
    }

    /** The level is the JVM's, not the node's: later test classes run with the log off again, as shipped. */
    @AfterAll
    void switchTheAccessLogOffAgain() {
        ((Logger) LoggerFactory.getLogger("latchkey.access")).setLevel(Level.OFF);
    }

    @Test
    void healthProbesAnswerAnyoneAndShowTheirChecksToSignedInCallersOnly() throws Exception {
        for (String probe : List.of("/health", "/health/liveness", "/health/readiness")) {
            HttpResponse<String> anonymous = call("GET", probe, null, null);
            assertThat(anonymous.statusCode()).as(probe).isEqualTo(200);
            assertThat(anonymous.body()).as(probe).isEqualTo("{\"status\":\"UP\"}");
        }
        String detailed = call("GET", "/health/readiness", admin, null).body();
        assertThat(detailed).contains("\"jdbc\"", "\"changeLog\"", "lastReadMillisAgo");
        for (String hidden : List.of("/beans", "/env", "/loggers", "/refresh", "/routes", "/metrics", "/threaddump")) {
            assertThat(call("GET", hidden, admin, null).statusCode()).as(hidden).isEqualTo(404);
        }
    }

    @Test
    void prometheusCountsTokensByReasonAndTimesIntrospection() throws Exception {
        double issuedBefore = sample("latchkey_events_total{reason=\"\",type=\"token.issued\"}");
        double refusedBefore = refused(call("GET", "/prometheus", null, null).body());
        HttpResponse<String> issued = call("POST", "/api/v1/tokens", admin, "{\"scopes\":[\"introspect\"]}");
        Matcher token = TOKEN.matcher(issued.body());
        assertThat(token.find()).isTrue();
        call("POST", "/oauth2/introspect", EndToEndScenario.bearer(token.group(1)), "token=" + token.group(1));
        call("GET", "/api/v1/tokens/self", EndToEndScenario.bearer("lk_" + "A".repeat(43)), null);

        String metrics = call("GET", "/prometheus", null, null).body();

        assertThat(sample(metrics, "latchkey_events_total{reason=\"\",type=\"token.issued\"}"))
                .isEqualTo(issuedBefore + 1);
        assertThat(refused(metrics)).as("refused tokens, whatever the reason").isEqualTo(refusedBefore + 1);
        assertThat(metrics).contains("latchkey_cache_gets_total{cache=\"tokens\",result=\"hit\"}",
                "latchkey_password_hashes_waiting ", "latchkey_introspection_seconds_bucket{",
                "latchkey_http_direct_total{outcome=\"served\"}", "latchkey_http_direct_total{outcome=\"passed_on\"}")
                .containsPattern("latchkey_introspection_seconds_count\\{status=\"2xx\"\\} 1(\\.0)?\\n")
                .doesNotContain("http_server_requests_seconds");
    }

    @Test
    void theAccessLogHasALinePerRequestWithoutTheQueryString() throws Exception {
        Logger access = (Logger) LoggerFactory.getLogger("latchkey.access");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        access.addAppender(lines);
        Level configured = access.getLevel();
        access.setLevel(Level.INFO);
        try {
            call("GET", "/api/v1/tokens?page=0&secret=hunter2", null, null);
            call("GET", "/api/v1/tokens", admin, null);
        } finally {
            access.setLevel(configured);
            access.detachAppender(lines);
        }

        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).anySatisfy(line ->
                assertThat(line).matches("GET /api/v1/tokens 401 [0-9.]+ms -"))
                .anySatisfy(line -> assertThat(line).matches("GET /api/v1/tokens 200 [0-9.]+ms admin"))
                .noneSatisfy(line -> assertThat(line).contains("hunter2"));
    }

    @Test
    void theStartUpLineNamesTheStoreWithoutCredentials() {
        assertThat(ServerLifecycleLog.storeOf("jdbc:postgresql://latchkey:s3cret@db.internal:5432/latchkey"
                + "?password=s3cret&ssl=true")).isEqualTo("PostgreSQL //db.internal:5432/latchkey");
        assertThat(ServerLifecycleLog.storeOf("jdbc:h2:file:./data/latchkey;MODE=PostgreSQL;PASSWORD=x"))
                .isEqualTo("H2 file:./data/latchkey");
    }

    private static double refused(String metrics) {
        return metrics.lines().filter(line -> line.startsWith("latchkey_events_total{")
                        && line.contains("type=\"token.refused\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private double sample(String name) throws Exception {
        return sample(call("GET", "/prometheus", null, null).body(), name);
    }

    private static double sample(String metrics, String name) {
        return metrics.lines().filter(line -> line.startsWith(name + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(name.length() + 1))).orElse(0.0);
    }

    private HttpResponse<String> call(String method, String path, String authorization, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node().url() + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body != null) {
            request.header("Content-Type", body.startsWith("{") ? "application/json"
                    : "application/x-www-form-urlencoded");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
