package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.persistence.TestDatabase;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The database goes away under the service and comes back (issue 10). While it is away, every surface answers 503
 * with {@code Retry-After} in its own shape, within the connection timeout, never 500 and never a driver's words;
 * a token the node can no longer vouch for is not accepted. When it is back, the service recovers by itself, every
 * token answered 201 before is still valid, and every answered revocation still holds.
 */
class StoreOutageTest extends ServiceOnTestDatabase {

    private RestartablePostgres postgres;

    @Override
    protected TestDatabase database() {
        postgres = new RestartablePostgres();
        return postgres;
    }

    private record Call(String surface, String method, String path, Map<String, String> headers, String body,
                        String contentType, String shapeMarker) {
    }

    @Test
    void whileTheStoreIsDownEverySurfaceAnswers503InItsShapeAndAfterwardsNothingIsLost() throws Exception {
        String[] kept = node().issue();
        String[] revoked = node().issue();
        assertThat(node().revoke(revoked[1])).isEqualTo(204);
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (LatchkeyNode.ADMIN + ":" + LatchkeyNode.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        String bearer = "Bearer " + kept[0];
        String form = "application/x-www-form-urlencoded";
        String passwordForm = "grant_type=password&username=" + LatchkeyNode.ADMIN + "&password="
                + LatchkeyNode.ADMIN_PASSWORD.replace(" ", "+");
        String json = "{\"%s\":\"" + LatchkeyNode.ADMIN + "\",\"password\":\"" + LatchkeyNode.ADMIN_PASSWORD + "\"}";
        List<Call> calls = List.of(
                new Call("native, bearer", "GET", "/api/v1/tokens/self", Map.of("Authorization", bearer), null,
                        "application/problem+json", "\"status\":503"),
                new Call("native, revoked bearer", "GET", "/api/v1/tokens/self",
                        Map.of("Authorization", "Bearer " + revoked[0]), null, "application/problem+json",
                        "\"status\":503"),
                new Call("native issuance, password", "POST", "/api/v1/tokens",
                        Map.of("Authorization", basic, "Content-Type", "application/json"), "{\"description\":\"x\"}",
                        "application/problem+json", "\"status\":503"),
                new Call("introspection", "POST", "/oauth2/introspect",
                        Map.of("Authorization", bearer, "Content-Type", form), "token=" + kept[0],
                        "application/json", "temporarily_unavailable"),
                new Call("oauth token", "POST", "/oauth2/token", Map.of("Content-Type", form), passwordForm,
                        "application/json", "temporarily_unavailable"),
                new Call("sample token", "POST", "/Token", Map.of("Content-Type", form), passwordForm,
                        "application/json", "temporarily_unavailable"),
                new Call("sirdata", "POST", "/api/v1/public/auth/partner/777/token",
                        Map.of("Content-Type", "application/json"), json.formatted("login"), "application/json",
                        "\"message\":"),
                new Call("masters india", "POST", "/api/v1/token-auth/", Map.of("Content-Type", "application/json"),
                        json.formatted("username"), "application/json", "\"detail\":"),
                new Call("datasentinel", "POST", "/ds-api/user-token", Map.of("Authorization", basic), null,
                        "application/json", "\"message\":"),
                new Call("trifacta", "GET", "/v4/apiAccessTokens", Map.of("Authorization", bearer), null,
                        "application/json", "\"ServiceUnavailable\""));

        postgres.stopServer();
        List<String> wrong = new ArrayList<>();
        try {
            // Past the lease, so that memory alone may no longer answer.
            Thread.sleep(300);
            for (Call call : calls) {
                long started = System.nanoTime();
                HttpResponse<String> answer = HttpCalls.send(node(), call.method(), call.path(), call.headers(),
                        call.body());
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                String body = answer.body();
                String contentType = answer.headers().firstValue("Content-Type").orElse("");
                if (answer.statusCode() != 503 || answer.headers().firstValue("Retry-After").isEmpty()
                        || !contentType.startsWith(call.contentType()) || !body.contains(call.shapeMarker())
                        || body.contains("Exception\"") || body.contains(".java") || body.contains("PSQL")
                        || body.toLowerCase().contains("postgres")
                        || body.contains("SQL") || took.compareTo(Duration.ofSeconds(8)) > 0) {
                    wrong.add(call.surface() + ": " + answer.statusCode() + " " + answer.headers().map() + " "
                            + body + " in " + took.toMillis() + " ms");
                }
            }
        } finally {
            postgres.startServer();
        }
        assertThat(wrong).as("answers while the store was down").isEmpty();

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String[] afterwards = null;
        while (afterwards == null && System.nanoTime() < deadline) {
            try {
                afterwards = node().issue();
            } catch (AssertionError stillDown) {
                Thread.sleep(200);
            }
        }
        assertThat(afterwards).as("a token issued once the store is back").isNotNull();
        assertThat(node().use(kept[0])).as("a token answered 201 before the outage").isEqualTo(200);
        assertThat(node().use(revoked[0])).as("a token revoked before the outage").isEqualTo(401);
        assertThat(node().use(afterwards[0])).isEqualTo(200);
    }
}
