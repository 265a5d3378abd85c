package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A million tokens moved through the command line, as an operator moves them: {@code latchkey export} to a file and
 * {@code latchkey import} into a new H2 store, with the heap in use after a full collection sampled throughout. Both
 * stream, so the heap grows by what a batch and H2's page cache take, not by what a million records would.
 */
class MillionTokenMoveTest {

    private static final int TOKENS = Integer.getInteger("million.tokens", 1_000_000);
    private static final long MIB = 1024 * 1024;
    private static final String MASTER_KEY = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));
    private static final String URL_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
            + ";CACHE_SIZE=16384";

    @TempDir
    Path files;

    private static String urlOf(Path directory) {
        return "jdbc:h2:file:" + directory.resolve("latchkey") + URL_OPTIONS;
    }

    private static Map<String, Object> store(Path directory) {
        return Map.of("datasources.default.url", urlOf(directory), "datasources.default.username", "sa",
                "datasources.default.password", "", "latchkey.master-key", MASTER_KEY);
    }

    private static int latchkey(Map<String, Object> store, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = CommandLineContext.run(args, new BufferedReader(new StringReader("")), new PrintWriter(out),
                new PrintWriter(err), store);
        assertThat(status).as("latchkey %s: %s%s", String.join(" ", args), out, err).isZero();
        return status;
    }

    /** The heap in use after a full collection, sampled every half second while it runs. */
    private static final class HeapSampler implements AutoCloseable {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final AtomicLong highest = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final long before;
        private final Thread thread;

        HeapSampler() {
            before = used();
            highest.set(before);
            thread = new Thread(() -> {
                while (running.get()) {
                    highest.accumulateAndGet(used(), Math::max);
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException stopped) {
                        return;
                    }
                }
            }, "heap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        private long used() {
            System.gc();
            return memory.getHeapMemoryUsage().getUsed();
        }

        long growth() {
            return highest.get() - before;
        }

        String report() {
            return "%d MiB before, at most %d MiB during (+%d MiB)".formatted(before / MIB, highest.get() / MIB,
                    growth() / MIB);
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.interrupt();
            thread.join();
        }
    }

    @Test
    void aMillionTokensMoveThroughAFileInBoundedMemory() throws Exception {
        Path source = files.resolve("source");
        Path target = files.resolve("target");
        try (LatchkeyNode node = new LatchkeyNode(store(source), Map.of())) {
            node.issue();
        }
        addTokens(urlOf(source), TOKENS);
        Path file = files.resolve("latchkey-export.jsonl");

        inBoundedMemory(store(source), "export", "--to", file.toString());
        inBoundedMemory(store(target), "import", "--from", file.toString());
        System.out.printf("the file: %,d MB%n", Files.size(file) / 1_000_000);

        try (Connection connection = DriverManager.getConnection(urlOf(target), "sa", "");
             ResultSet count = connection.createStatement().executeQuery("SELECT COUNT(*) FROM token")) {
            count.next();
            assertThat(count.getLong(1)).isEqualTo(TOKENS + 1L);
        }
    }

    /** Runs the command with the heap sampled throughout; prints what it took, and holds the heap's growth. */
    private static void inBoundedMemory(Map<String, Object> store, String... args) throws Exception {
        long started = System.nanoTime();
        try (HeapSampler heap = new HeapSampler()) {
            latchkey(store, args);
            System.out.printf("%s of %,d tokens took %d s, heap %s%n", args[0], TOKENS,
                    (System.nanoTime() - started) / 1_000_000_000L, heap.report());
            // A batch of records and H2's page cache (16 MiB here), not a million tokens (about 1 GB as records).
            assertThat(heap.growth()).as(heap.report()).isLessThan(64 * MIB);
        }
    }

    /** Tokens of the administrator's, written by SQL in commits of 50,000: only the move is under test. */
    private static void addTokens(String url, int tokens) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             PreparedStatement insert = connection.prepareStatement("INSERT INTO token (id, owner_id, kind,"
                     + " description, scopes, secret_hash, created_at) SELECT"
                     + " CAST('00000000-0000-7000-8000-' || LPAD(CAST(\"X\" + ? AS VARCHAR), 12, '0') AS UUID),"
                     + " (SELECT id FROM account WHERE username = ?), 'PERSONAL', 'bulk', '',"
                     + " LPAD(CAST(\"X\" + ? AS VARCHAR), 64, '0'), CURRENT_TIMESTAMP FROM SYSTEM_RANGE(1, ?)")) {
            for (int added = 0; added < tokens; added += 50_000) {
                insert.setInt(1, added);
                insert.setString(2, LatchkeyNode.ADMIN);
                insert.setInt(3, added);
                insert.setInt(4, Math.min(50_000, tokens - added));
                insert.executeUpdate();
            }
        }
    }
}
