package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM under load (issue 10.5): the service stops accepting, lets the requests it had accepted finish, writes the
 * last-use times it held in memory, logs that it stopped, and exits 0. Password issuances are the requests in flight:
 * the hasher takes one at a time, so most of them are still waiting when the signal comes.
 */
class GracefulShutdownTest {

    private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");
    private static final Pattern LAST_USED = Pattern.compile("\"lastUsedAt\":\"([^\"]+)\"");
    private static final int IN_FLIGHT = 8;

    @Test
    void sigtermLetsAcceptedRequestsFinishFlushesLastUseAndExitsZero(@TempDir Path workingDirectory)
            throws Exception {
        String admin = EndToEndScenario.basic(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD);
        // Eight logins of one account at once would pass its allowance of five a minute (LoginLimitTest's subject).
        // The tests' logging configuration is quieter than the service's; the lifecycle lines are INFO.
        Map<String, String> settings = Map.of("LATCHKEY_LOGIN_USERNAME_FAILURES_PER_MINUTE", "100",
                "LOGGER_LEVELS_DEV_LATCHKEY_BOOTSTRAP", "INFO");
        ServiceProcess first = ServiceProcess.start(workingDirectory, settings);
        List<String> issued = new ArrayList<>();
        String used;
        ExecutorService clients = Executors.newFixedThreadPool(IN_FLIGHT);
        try {
            used = token(first.send("POST", "/api/v1/tokens", admin, "application/json", "{\"description\":\"used\"}"));
            assertThat(first.send("GET", "/api/v1/tokens/self", "Bearer " + used, null, null).statusCode())
                    .isEqualTo(200);
            List<Future<HttpResponse<String>>> inFlight = new ArrayList<>();
            for (int i = 0; i < IN_FLIGHT; i++) {
                inFlight.add(clients.submit(() -> first.send("POST", "/api/v1/tokens", admin, "application/json",
                        "{\"description\":\"in flight\"}")));
            }
            Thread.sleep(300);
            first.terminate();

            for (Future<HttpResponse<String>> request : inFlight) {
                HttpResponse<String> answer = request.get(1, TimeUnit.MINUTES);
                assertThat(answer.statusCode()).as("an accepted request, answered during the shutdown: %s",
                        answer.body()).isEqualTo(201);
                issued.add(token(answer));
            }
            assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).as("stopped within the grace period").isTrue();
            assertThat(first.process().exitValue()).as("a stop asked for is a success").isZero();
            assertThat(first.log()).contains("Listening on port", "Stopped listening on port",
                    "Requests in flight are done");
        } finally {
            clients.shutdownNow();
            first.process().destroyForcibly();
        }

        ServiceProcess second = ServiceProcess.start(workingDirectory, settings);
        try {
            for (String token : issued) {
                assertThat(second.send("GET", "/api/v1/tokens/self", "Bearer " + token, null, null).statusCode())
                        .as("a token answered 201 during the shutdown").isEqualTo(200);
            }
            // Read with the administrator's password, so that this read is not itself a use of the token.
            HttpResponse<String> listed = second.send("GET", "/api/v1/tokens?size=100", admin, null, null);
            assertThat(listed.body()).contains("\"description\":\"used\"");
            int entry = listed.body().indexOf("\"description\":\"used\"");
            Matcher lastUsed = LAST_USED.matcher(listed.body().substring(entry,
                    listed.body().indexOf("\"revokedAt\"", entry)));
            assertThat(lastUsed.find()).as("the use before SIGTERM was written on the way out: %s", listed.body())
                    .isTrue();
        } finally {
            second.stop();
        }
    }

    private static String token(HttpResponse<String> issued) {
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        Matcher token = TOKEN.matcher(issued.body());
        assertThat(token.find()).isTrue();
        return token.group(1);
    }
}
