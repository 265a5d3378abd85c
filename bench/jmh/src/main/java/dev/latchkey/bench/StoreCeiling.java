package dev.latchkey.bench;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The store's own limit for issuance (issue 27, item 3): token rows inserted one per transaction, each committed
 * before the next, into the service's own {@code token} table with its indexes, over the URL the service uses (so
 * with its commit settings: {@code WRITE_DELAY=0} on H2, {@code synchronous_commit} as the server has it on
 * PostgreSQL). Issuance writes more than this row per token (its audit row and change-log entry, in the same
 * transaction), so this is a ceiling it cannot pass, not a rate it should reach.
 *
 * <p>Run on a store the service has made and no longer uses (H2 serves one process):
 * {@code java -cp benchmarks.jar dev.latchkey.bench.StoreCeiling URL USER PASSWORD OWNER-USERNAME SECONDS THREADS...}.
 * For each thread count it drives the inserts in rounds of {@code SECONDS} until the rate stops rising, as
 * bench/run.sh drives a path, and prints one line: threads, rows per second (median of the last 3 rounds), rounds.
 */
public final class StoreCeiling {

    private static final SecureRandom RANDOM = new SecureRandom();

    private StoreCeiling() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 6) {
            System.err.println("usage: StoreCeiling URL USER PASSWORD OWNER-USERNAME SECONDS THREADS...");
            System.exit(2);
        }
        String url = args[0];
        String user = args[1];
        String password = args[2];
        String owner = args[3];
        int seconds = Integer.parseInt(args[4]);
        UUID ownerId = ownerId(url, user, password, owner);
        for (int index = 5; index < args.length; index++) {
            int threads = Integer.parseInt(args[index]);
            List<Double> rounds = new ArrayList<>();
            double best = 0;
            int flat = 0;
            while (flat < 2 && rounds.size() < 12) {
                double rate = round(url, user, password, ownerId, threads, seconds);
                rounds.add(rate);
                if (rate > best * 1.03) {
                    best = rate;
                    flat = 0;
                } else {
                    flat++;
                }
            }
            List<Double> last = new ArrayList<>(rounds.subList(Math.max(0, rounds.size() - 3), rounds.size()));
            last.sort(Double::compare);
            System.out.printf("%d %.0f %s%n", threads, last.get(last.size() / 2),
                    rounds.stream().map(rate -> String.format("%.0f", rate)).toList());
        }
    }

    private static UUID ownerId(String url, String user, String password, String username) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             PreparedStatement select = connection.prepareStatement("SELECT id FROM account WHERE username = ?")) {
            select.setString(1, username);
            try (ResultSet found = select.executeQuery()) {
                if (!found.next()) {
                    throw new IllegalArgumentException("no account named " + username + " in this store");
                }
                return found.getObject(1, UUID.class);
            }
        }
    }

    /** Rows committed per second by {@code threads} connections, each inserting one row per transaction. */
    private static double round(String url, String user, String password, UUID owner, int threads, int seconds)
            throws Exception {
        LongAdder committed = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> writers = new ArrayList<>();
        List<Exception> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int thread = 0; thread < threads; thread++) {
            Thread writer = new Thread(() -> {
                try (Connection connection = DriverManager.getConnection(url, user, password);
                     PreparedStatement insert = connection.prepareStatement("INSERT INTO token (id, owner_id, kind, "
                             + "description, scopes, secret_hash, created_at) VALUES (?, ?, 'PERSONAL', 'ceiling', '', "
                             + "?, ?)")) {
                    connection.setAutoCommit(true);
                    byte[] hash = new byte[32];
                    while (!stop.get()) {
                        Instant now = Instant.now();
                        RANDOM.nextBytes(hash);
                        insert.setObject(1, timeOrdered(now));
                        insert.setObject(2, owner);
                        insert.setString(3, HexFormat.of().formatHex(hash));
                        insert.setTimestamp(4, Timestamp.from(now));
                        insert.executeUpdate();
                        committed.increment();
                    }
                } catch (SQLException failure) {
                    failures.add(failure);
                }
            });
            writers.add(writer);
            writer.start();
        }
        long started = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        long count = committed.sum();
        double elapsed = (System.nanoTime() - started) / 1e9;
        for (Thread writer : writers) {
            writer.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        return count / elapsed;
    }

    /** A UUIDv7, as the service makes its token ids, so that the primary key's index grows as the service's does. */
    private static UUID timeOrdered(Instant now) {
        long millis = now.toEpochMilli();
        long high = (millis << 16) | 0x7000L | (RANDOM.nextInt() & 0x0fffL);
        long low = (RANDOM.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
