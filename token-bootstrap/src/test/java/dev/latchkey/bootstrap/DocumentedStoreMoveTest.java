package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walk in {@code docs/operations.md}, "Moving a store: H2 to PostgreSQL", run as written: a service on the
 * embedded H2 store issues a token and stops; the documented copy (the one command, and the two steps with a file)
 * moves its store into a new PostgreSQL database; two nodes start there with the documented command, and the
 * documented curl check answers the token on each. What differs from a reader's machine is replaced, and only that:
 * the database's host and port become the test's PostgreSQL server, {@code localhost:8080} each node's port, and the
 * jar and the launcher (built after the tests run) the same main class on the test's class path.
 */
class DocumentedStoreMoveTest {

    private static final Path OPERATIONS = Path.of("..", "docs", "operations.md").toAbsolutePath().normalize();
    private static final String SECTION = "## Moving a store: H2 to PostgreSQL";
    private static final Pattern FENCE = Pattern.compile("```\\w*\\n(.*?)```", Pattern.DOTALL);
    private static final String DOCUMENTED_DATABASE = "db.internal:5432";
    private static final String JAR = "java -jar token-bootstrap/target/latchkey.jar";
    private static final String LAUNCHER = "bin/latchkey";
    private static final Pattern TOKEN_ID = Pattern.compile("\"tokenId\":\"([^\"]+)\"");

    @TempDir
    Path serviceDirectory;

    /** The walk's commands, each block as the document has it. */
    private record Walk(String oneCommandCopy, String twoStepCopy, String startNode, String checkToken) {

        static Walk documented() throws IOException {
            String document = Files.readString(OPERATIONS);
            int start = document.indexOf(SECTION);
            assertThat(start).as("docs/operations.md has the section " + SECTION).isNotNegative();
            int end = document.indexOf("\n## ", start + SECTION.length());
            List<String> blocks = new ArrayList<>();
            Matcher fence = FENCE.matcher(document.substring(start, end < 0 ? document.length() : end));
            while (fence.find()) {
                blocks.add(fence.group(1));
            }
            return new Walk(
                    only(blocks, block -> block.contains(" migrate-store")),
                    only(blocks, block -> block.contains(" export ") && block.contains(" import ")),
                    only(blocks, block -> block.contains(LAUNCHER)),
                    only(blocks, block -> block.contains("curl ")));
        }

        private static String only(List<String> blocks, Predicate<String> kind) {
            List<String> found = blocks.stream().filter(kind).toList();
            assertThat(found).as("one such block in the walk: %s", blocks).hasSize(1);
            return found.get(0);
        }
    }

    @Test
    void theOneCommandMoveKeepsEveryToken() throws Exception {
        Walk walk = Walk.documented();
        String output = moveAndCheck(walk, walk.oneCommandCopy());
        assertThat(output).as("each kind compared").contains("same").doesNotContain("differ");
    }

    @Test
    void theTwoStepMoveKeepsEveryToken() throws Exception {
        Walk walk = Walk.documented();
        moveAndCheck(walk, walk.twoStepCopy());
        assertThat(serviceDirectory.resolve("latchkey-export.jsonl")).as("the file the reader keeps").exists();
    }

    /** Runs the walk with this copy; returns what the copy printed. */
    private String moveAndCheck(Walk walk, String copy) throws Exception {
        ServiceProcess onH2 = ServiceProcess.start(serviceDirectory, Map.of());
        String token;
        String tokenId;
        try {
            HttpResponse<String> issued = onH2.send("POST", "/api/v1/tokens",
                    EndToEndScenario.basic(LatchkeyNode.ADMIN, LatchkeyNode.ADMIN_PASSWORD), null, null);
            assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
            token = field(issued.body(), Pattern.compile("\"token\":\"([^\"]+)\""));
            tokenId = field(issued.body(), TOKEN_ID);
        } finally {
            onH2.stop();
        }
        assertThat(onH2.process().waitFor(30, TimeUnit.SECONDS)).isTrue();

        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            createDatabaseAndUser(postgres);
            Files.writeString(serviceDirectory.resolve("pg-password"), "the database's password\n");
            String database = "localhost:" + postgres.getPort();

            Shell copied = Shell.run(serviceDirectory, copy.replace(DOCUMENTED_DATABASE, database), Map.of());
            assertThat(copied.status()).as("the copy: %s%n%s", copied.out(), copied.err()).isZero();

            List<Process> nodes = new ArrayList<>();
            try {
                for (int node = 0; node < 2; node++) {
                    int port = freePort();
                    nodes.add(Shell.start(serviceDirectory, walk.startNode().replace(DOCUMENTED_DATABASE, database),
                            Map.of("MICRONAUT_SERVER_PORT", String.valueOf(port)),
                            serviceDirectory.resolve("node-" + node + ".log")));
                    awaitReady(nodes.get(node), port, serviceDirectory.resolve("node-" + node + ".log"));
                    Shell checked = Shell.run(serviceDirectory,
                            walk.checkToken().replace("localhost:8080", "localhost:" + port), Map.of("TOKEN", token));
                    assertThat(checked.status()).as("the check on node %d: %s", node + 1, checked.err()).isZero();
                    assertThat(field(checked.out(), TOKEN_ID)).as("the token issued on H2, on node %d", node + 1)
                            .isEqualTo(tokenId);
                }
            } finally {
                for (Process node : nodes) {
                    Shell.stop(node);
                }
            }
            return copied.out();
        }
    }

    /** Step 3 of the walk, which the document leaves to the reader's own tools. */
    private static void createDatabaseAndUser(EmbeddedPostgres postgres) throws Exception {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE USER latchkey PASSWORD 'the database''s password'");
            statement.execute("CREATE DATABASE latchkey OWNER latchkey");
        }
    }

    private static void awaitReady(Process node, int port, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertThat(node.isAlive()).as("the node exited early: %s", Files.readString(log)).isTrue();
            try {
                if (HttpCalls.send("http://localhost:" + port, "GET", "/health/readiness", Map.of(), null)
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the node did not become ready within 60 s: " + Files.readString(log));
    }

    private static String field(String body, Pattern pattern) {
        Matcher matcher = pattern.matcher(body);
        assertThat(matcher.find()).as("%s in %s", pattern, body).isTrue();
        return matcher.group(1);
    }

    private static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    /** A documented block run by bash, the jar and the launcher standing for the main class on this class path. */
    private record Shell(int status, String out, String err) {

        private static ProcessBuilder builder(Path directory, String block, Map<String, String> environment) {
            String latchkey = "'" + Path.of(System.getProperty("java.home"), "bin", "java") + "' -Xmx256m -cp \"$"
                    + "LATCHKEY_TEST_CLASS_PATH\" " + Application.class.getName();
            String script = block.replace(JAR, latchkey).replace(LAUNCHER, "exec " + latchkey);
            ProcessBuilder builder = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
                    .directory(directory.toFile());
            builder.environment().put("LATCHKEY_TEST_CLASS_PATH", System.getProperty("java.class.path"));
            builder.environment().putAll(environment);
            return builder;
        }

        static Shell run(Path directory, String block, Map<String, String> environment) throws Exception {
            Path out = Files.createTempFile(directory, "block", ".out");
            Path err = Files.createTempFile(directory, "block", ".err");
            Process bash = builder(directory, block, environment).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).start();
            assertThat(bash.waitFor(120, TimeUnit.SECONDS)).as("the block ends: %s", block).isTrue();
            return new Shell(bash.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        }

        static Process start(Path directory, String block, Map<String, String> environment, Path log)
                throws IOException {
            return builder(directory, block, environment).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
        }

        /** SIGTERM to the process this test started and to anything it started, by their PIDs. */
        static void stop(Process process) throws InterruptedException {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }
}
