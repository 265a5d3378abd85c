package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.persistence.EmbeddedPostgresDatabase;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} under mixed load (issue 10.3): four clients issue, use, introspect, rotate, refresh and revoke
 * tokens against the service running as a real child process, configured only through its environment as an
 * operator would run it, and the process is killed with SIGKILL in the middle of it. After a restart, every token
 * whose issuance, rotation or refresh was answered is valid, and every answered revocation (a {@code DELETE}, and the
 * old token of an answered rotation) holds. Requests cut off by the kill decide nothing: their tokens are in neither
 * list. On the default H2 file store and on PostgreSQL.
 */
class KillNineDurabilityTest {

    private static final Pattern FIELD = Pattern.compile("\"(token|tokenId|access_token|refresh_token|clientId|clientSecret)\":\"([^\"]+)\"");
    private static final int CLIENTS = 4;
    private static final Duration LOAD = Duration.ofSeconds(3);

    @Test
    void onTheDefaultH2FileStore(@TempDir Path workingDirectory) throws Exception {
        // No datasource settings at all: the shipped default, ./data under the working directory.
        assertAnsweredChangesSurviveKillNine(workingDirectory, Map.of());
    }

    @Test
    void onPostgresSelectedByEnvironmentAlone(@TempDir Path workingDirectory) throws Exception {
        try (EmbeddedPostgresDatabase database = new EmbeddedPostgresDatabase()) {
            Map<String, Object> datasource = database.start();
            assertAnsweredChangesSurviveKillNine(workingDirectory, Map.of(
                    "DATASOURCES_DEFAULT_URL", datasource.get("datasources.default.url").toString(),
                    "DATASOURCES_DEFAULT_USERNAME", datasource.get("datasources.default.username").toString(),
                    "DATASOURCES_DEFAULT_PASSWORD", datasource.get("datasources.default.password").toString(),
                    "LATCHKEY_MASTER_KEY", datasource.get("latchkey.master-key").toString()));
        }
    }

    private void assertAnsweredChangesSurviveKillNine(Path workingDirectory, Map<String, String> store)
            throws Exception {
        Set<String> valid = ConcurrentHashMap.newKeySet();
        Set<String> revoked = ConcurrentHashMap.newKeySet();
        Map<String, AtomicInteger> operations = new ConcurrentHashMap<>();
        String admin = EndToEndScenario.basic(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD);
        ServiceProcess first = ServiceProcess.start(workingDirectory, store);
        try {
            String seed = "Bearer " + fields(expect(201, first.send("POST", "/api/v1/tokens", admin,
                    "application/json", "{\"description\":\"seed\"}"))).get("token");
            Map<String, String> client = fields(expect(201, first.send("POST", "/api/v1/clients", admin,
                    "application/json", "{\"name\":\"kill-nine\",\"grantTypes\":[\"password\",\"refresh_token\",\"urn:ietf:params:oauth:grant-type:token-exchange\"]}")));
            String clientBasic = EndToEndScenario.basic(client.get("clientId"), client.get("clientSecret"));
            List<Map<String, String>> grants = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                Map<String, String> pair = fields(expect(200, first.send("POST", "/oauth2/token", clientBasic,
                        "application/x-www-form-urlencoded", "grant_type=password&username=" + LatchkeyNode.ADMIN
                                + "&password=" + LatchkeyNode.ADMIN_PASSWORD.replace(" ", "+"))));
                valid.add(pair.get("access_token"));
                grants.add(pair);
            }
            AtomicBoolean killed = new AtomicBoolean();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                Map<String, String> grant = grants.get(i);
                running.add(clients.submit(() -> {
                    mixedLoad(first, seed, clientBasic, grant, valid, revoked, operations, killed);
                    return null;
                }));
            }
            Thread.sleep(LOAD.toMillis());
            // SIGKILL in the middle of the load: no shutdown hook, no flush, no goodbye.
            killed.set(true);
            assertThat(first.kill()).as("killed by signal 9").isEqualTo(128 + 9);
            for (Future<?> loop : running) {
                loop.get(1, TimeUnit.MINUTES);
            }
            clients.shutdownNow();
        } finally {
            first.process().destroyForcibly();
        }
        assertThat(operations.keySet()).as("operations answered before the kill: %s", operations)
                .contains("issue", "use", "introspect", "rotate", "refresh", "revoke");

        ServiceProcess second = ServiceProcess.start(workingDirectory, store);
        try {
            List<String> wrong = new ArrayList<>();
            for (String token : valid) {
                int status = second.send("GET", "/api/v1/tokens/self", "Bearer " + token, null, null).statusCode();
                if (status != 200) {
                    wrong.add(status + " for a token whose issuance, rotation or refresh was answered");
                }
            }
            for (String token : revoked) {
                int status = second.send("GET", "/api/v1/tokens/self", "Bearer " + token, null, null).statusCode();
                if (status != 401) {
                    wrong.add(status + " for a token whose revocation was answered");
                }
            }
            assertThat(wrong).as("after the restart, of %d valid and %d revoked tokens (operations %s)",
                    valid.size(), revoked.size(), operations).isEmpty();
        } finally {
            second.stop();
        }
    }

    /**
     * One client's loop: issue, use and introspect a token, rotate it (the old one is retired at once), revoke every
     * other replacement, and exchange the client's refresh token. A token enters a list only once its answer has
     * arrived, and leaves the valid list before a request that may end it is sent.
     */
    private void mixedLoad(ServiceProcess service, String seed, String clientBasic, Map<String, String> grant,
                           Set<String> valid, Set<String> revoked, Map<String, AtomicInteger> operations,
                           AtomicBoolean killed) {
        String access = grant.get("access_token");
        String refresh = grant.get("refresh_token");
        try {
            for (int round = 0; !killed.get(); round++) {
                Map<String, String> issued = fields(expect(201, service.send("POST", "/api/v1/tokens", seed,
                        "application/json", "{\"description\":\"mixed\"}")));
                valid.add(issued.get("token"));
                count(operations, "issue");
                expect(200, service.send("GET", "/api/v1/tokens/self", "Bearer " + issued.get("token"), null, null));
                count(operations, "use");
                expect(200, service.send("POST", "/oauth2/introspect", clientBasic,
                        "application/x-www-form-urlencoded", "token=" + issued.get("token")));
                count(operations, "introspect");

                valid.remove(issued.get("token"));
                Map<String, String> replacement = fields(expect(201, service.send("POST",
                        "/api/v1/tokens/" + issued.get("tokenId") + "/rotate", seed, "application/json",
                        "{\"overlapSeconds\":0}")));
                revoked.add(issued.get("token"));
                valid.add(replacement.get("token"));
                count(operations, "rotate");

                if (round % 2 == 0) {
                    valid.remove(replacement.get("token"));
                    expect(204, service.send("DELETE", "/api/v1/tokens/" + replacement.get("tokenId"), seed,
                            null, null));
                    revoked.add(replacement.get("token"));
                    count(operations, "revoke");
                }

                // What a refresh does to the access token it replaces is not this test's business.
                valid.remove(access);
                Map<String, String> pair = fields(expect(200, service.send("POST", "/oauth2/token", clientBasic,
                        "application/x-www-form-urlencoded", "grant_type=refresh_token&refresh_token=" + refresh)));
                access = pair.get("access_token");
                valid.add(access);
                refresh = pair.get("refresh_token");
                count(operations, "refresh");
            }
        } catch (IOException cutOffByTheKill) {
            assertThat(killed.get()).as("a request failed before the kill: %s", cutOffByTheKill).isTrue();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void count(Map<String, AtomicInteger> operations, String operation) {
        operations.computeIfAbsent(operation, ignored -> new AtomicInteger()).incrementAndGet();
    }

    private static HttpResponse<String> expect(int status, HttpResponse<String> response) {
        assertThat(response.statusCode()).as("%s %s", response.request().uri(), response.body()).isEqualTo(status);
        return response;
    }

    private static Map<String, String> fields(HttpResponse<String> response) {
        Map<String, String> fields = new HashMap<>();
        Matcher field = FIELD.matcher(response.body());
        while (field.find()) {
            fields.putIfAbsent(field.group(1), field.group(2));
        }
        return fields;
    }
}
