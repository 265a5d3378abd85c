package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Losing the PostgreSQL primary under load (issue 10.2). Two of Debian's PostgreSQL servers on loopback, a primary
 * and a synchronous streaming standby; Latchkey reaches them through PgJDBC's multi-host URL with
 * {@code targetServerType=primary}. Four clients issue and use tokens; the primary is killed ({@code pg_ctl stop -m
 * immediate}) and the standby promoted a second later. Latchkey carries on against the new primary by itself,
 * requests in between are answered 503, never 500, and every token answered 201 before, during or after is valid.
 *
 * <p>No failover logic of Latchkey's own is involved: this is PostgreSQL's replication and PgJDBC's host selection,
 * configured as docs/operations.md shows. The servers come from Debian's {@code postgresql} package, which
 * {@code .ci/run} installs; without it this test fails, it does not skip.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresFailoverTest {

    private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");
    private static final int CLIENTS = 4;

    private Path bin;
    private Path base;
    private Path primary;
    private Path standby;
    private int primaryPort;
    private int standbyPort;
    private LatchkeyNode node;

    @BeforeAll
    void startPrimaryAndStandby() throws Exception {
        bin = debianPostgresBin();
        base = Files.createTempDirectory("latchkey-failover");
        if (isRoot()) {
            run("chown", "postgres", base.toString());
        }
        primary = base.resolve("primary");
        standby = base.resolve("standby");
        primaryPort = freePort();
        standbyPort = freePort();
        asPostgres(bin.resolve("initdb").toString(), "-D", primary.toString(), "-A", "trust", "-U", "postgres");
        start(primary, primaryPort);
        asPostgres(bin.resolve("pg_basebackup").toString(), "-h", "127.0.0.1", "-p", String.valueOf(primaryPort),
                "-U", "postgres", "-D", standby.toString(), "-R", "-X", "stream");
        start(standby, standbyPort);
        // Synchronous: a commit, and so a 201, returns only once the standby has it.
        psql(primaryPort, "ALTER SYSTEM SET synchronous_standby_names = '*'");
        psql(primaryPort, "SELECT pg_reload_conf()");

        node = new LatchkeyNode(Map.of(
                "datasources.default.url", "jdbc:postgresql://127.0.0.1:" + primaryPort + ",127.0.0.1:" + standbyPort
                        + "/postgres?targetServerType=primary",
                "datasources.default.username", "postgres",
                "datasources.default.password", "unused",
                "latchkey.master-key", Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32))),
                Map.of());
    }

    @AfterAll
    void stopEverything() throws Exception {
        if (node != null) {
            node.close();
        }
        for (Path server : new Path[] {primary, standby}) {
            if (server != null && Files.exists(server.resolve("postmaster.pid"))) {
                asPostgres(bin.resolve("pg_ctl").toString(), "-D", server.toString(), "-m", "immediate", "stop");
            }
        }
        if (base != null) {
            try (Stream<Path> files = Files.walk(base)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    @Test
    void losingThePrimaryMidLoadCostsA503AtMostAndNoAcknowledgedToken() throws Exception {
        String seed = node.issue()[0];
        Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
        Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
        Queue<String> unexpected = new ConcurrentLinkedQueue<>();
        AtomicInteger issuedAfterPromotion = new AtomicInteger();
        AtomicBoolean promoted = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            running.add(clients.submit(() -> {
                while (!stop.get()) {
                    HttpResponse<String> issued = HttpCalls.send(node, "POST", "/api/v1/tokens",
                            HttpCalls.headers("Bearer " + seed, "application/json"), "{\"description\":\"load\"}");
                    count(statuses, "issue", issued, unexpected);
                    if (issued.statusCode() == 201) {
                        Matcher token = TOKEN.matcher(issued.body());
                        assertThat(token.find()).isTrue();
                        acknowledged.add(token.group(1));
                        if (promoted.get()) {
                            issuedAfterPromotion.incrementAndGet();
                        }
                        count(statuses, "use", HttpCalls.send(node, "GET", "/api/v1/tokens/self",
                                HttpCalls.headers("Bearer " + token.group(1), null), null), unexpected);
                    }
                }
                return null;
            }));
        }
        try {
            Thread.sleep(2_000);
            asPostgres(bin.resolve("pg_ctl").toString(), "-D", primary.toString(), "-m", "immediate", "stop");
            Thread.sleep(1_000);
            asPostgres(bin.resolve("pg_ctl").toString(), "-D", standby.toString(), "-w", "promote");
            promoted.set(true);
            Thread.sleep(6_000);
        } finally {
            stop.set(true);
            for (Future<?> client : running) {
                client.get(1, TimeUnit.MINUTES);
            }
            clients.shutdownNow();
        }

        assertThat(unexpected).as("answers other than 201, 200 and 503 (statuses %s)", statuses).isEmpty();
        assertThat(issuedAfterPromotion.get()).as("tokens issued on the new primary, by itself (statuses %s)",
                statuses).isGreaterThan(10);
        List<String> lost = new ArrayList<>();
        for (String token : acknowledged) {
            int status = node.use(token);
            if (status != 200) {
                lost.add(status + " for a token answered 201");
            }
        }
        assertThat(lost).as("of %d tokens answered 201", acknowledged.size()).isEmpty();
        System.out.printf("failover: statuses %s, %d tokens answered 201, %d after the promotion%n", statuses,
                acknowledged.size(), issuedAfterPromotion.get());
    }

    private static void count(Map<String, AtomicInteger> statuses, String what, HttpResponse<String> answer,
                              Queue<String> unexpected) {
        statuses.computeIfAbsent(what + " " + answer.statusCode(), ignored -> new AtomicInteger()).incrementAndGet();
        boolean expected = answer.statusCode() == 201 || answer.statusCode() == 200
                || answer.statusCode() == 503 && answer.headers().firstValue("Retry-After").isPresent();
        if (!expected) {
            unexpected.add(what + ": " + answer.statusCode() + " " + answer.body());
        }
    }

    private void start(Path server, int port) throws Exception {
        asPostgres(bin.resolve("pg_ctl").toString(), "-D", server.toString(), "-l", server + ".log", "-w",
                "-o", "-p " + port + " -k " + base + " -c listen_addresses=127.0.0.1", "start");
    }

    private void psql(int port, String sql) throws Exception {
        asPostgres(bin.resolve("psql").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", "postgres",
                "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c", sql);
    }

    /** Debian's initdb and server refuse to run as root; as root, they run as the package's own user. */
    private void asPostgres(String... command) throws Exception {
        if (isRoot()) {
            String[] asUser = new String[command.length + 4];
            asUser[0] = "runuser";
            asUser[1] = "-u";
            asUser[2] = "postgres";
            asUser[3] = "--";
            System.arraycopy(command, 0, asUser, 4, command.length);
            run(asUser);
        } else {
            run(command);
        }
    }

    private void run(String... command) throws Exception {
        File log = Files.createTempFile("latchkey-failover", ".log").toFile();
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed: "
                        + Files.readString(log.toPath()));
            }
        } finally {
            log.delete();
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static Path debianPostgresBin() throws IOException {
        Path installed = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(installed)) {
            try (Stream<Path> versions = Files.list(installed)) {
                Path newest = versions.map(version -> version.resolve("bin"))
                        .filter(candidate -> Files.isExecutable(candidate.resolve("pg_basebackup")))
                        .max(Comparator.comparing(candidate -> Integer.parseInt(
                                candidate.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                        .orElse(null);
                if (newest != null) {
                    return newest;
                }
            }
        }
        throw new IllegalStateException("PostgreSQL server binaries are needed for the failover test: "
                + "apt-get install postgresql (.ci/run does)");
    }

    private static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }
}
