package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.persistence.EmbeddedPostgresDatabase;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A token whose issuance answered 201 survives the process being killed with SIGKILL right after: the service runs
 * as a real child process, configured only through its environment, as an operator would run it.
 */
class KillNineDurabilityTest {

    private static final int TOKENS = 5;
    private static final Pattern SECRET = Pattern.compile("\"token\":\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void onTheDefaultH2FileStore(@TempDir Path workingDirectory) throws Exception {
        // No datasource settings at all: the shipped default, ./data under the working directory.
        assertTokensSurviveKillNine(workingDirectory, Map.of());
    }

    @Test
    void onPostgresSelectedByEnvironmentAlone(@TempDir Path workingDirectory) throws Exception {
        try (EmbeddedPostgresDatabase database = new EmbeddedPostgresDatabase()) {
            Map<String, Object> datasource = database.start();
            assertTokensSurviveKillNine(workingDirectory, Map.of(
                    "DATASOURCES_DEFAULT_URL", datasource.get("datasources.default.url").toString(),
                    "DATASOURCES_DEFAULT_USERNAME", datasource.get("datasources.default.username").toString(),
                    "DATASOURCES_DEFAULT_PASSWORD", datasource.get("datasources.default.password").toString(),
                    "LATCHKEY_MASTER_KEY", datasource.get("latchkey.master-key").toString()));
        }
    }

    private void assertTokensSurviveKillNine(Path workingDirectory, Map<String, String> store) throws Exception {
        List<String> secrets = new ArrayList<>();
        Process first = start(workingDirectory, store);
        try {
            for (int i = 0; i < TOKENS; i++) {
                HttpResponse<String> issued = send(first, "POST", "/api/v1/tokens",
                        EndToEndScenario.basic(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD));
                assertThat(issued.statusCode()).isEqualTo(201);
                Matcher secret = SECRET.matcher(issued.body());
                assertThat(secret.find()).isTrue();
                secrets.add(secret.group(1));
            }
        } finally {
            // SIGKILL, the moment the last 201 has arrived: no shutdown hook, no flush, no goodbye.
            first.destroyForcibly();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(first.exitValue()).as("killed by signal 9").isEqualTo(128 + 9);

        Process second = start(workingDirectory, store);
        try {
            for (String secret : secrets) {
                assertThat(send(second, "GET", "/api/v1/tokens/self", EndToEndScenario.bearer(secret)).statusCode())
                        .isEqualTo(200);
            }
        } finally {
            second.destroy();
            second.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private final Map<Process, Integer> ports = new HashMap<>();

    private Process start(Path workingDirectory, Map<String, String> store) throws Exception {
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), Application.class.getName())
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workingDirectory.resolve("latchkey-" + port + ".log").toFile());
        builder.environment().put("MICRONAUT_SERVER_PORT", String.valueOf(port));
        builder.environment().put("LATCHKEY_BOOTSTRAP_ADMIN_USERNAME", LatchkeyNode.ADMIN);
        builder.environment().put("LATCHKEY_BOOTSTRAP_ADMIN_PASSWORD", LatchkeyNode.ADMIN_PASSWORD);
        builder.environment().putAll(store);
        Process process = builder.start();
        ports.put(process, port);
        awaitReady(process, workingDirectory.resolve("latchkey-" + port + ".log").toFile());
        return process;
    }

    private void awaitReady(Process process, File log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("the service exited early; see %s", log).isTrue();
            try {
                if (send(process, "GET", "/api/v1/tokens", null).statusCode() == 401) {
                    return;
                }
            } catch (IOException notYetListening) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the service did not start within 60 s; see " + log);
    }

    private HttpResponse<String> send(Process process, String method, String path, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + ports.get(process) + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
