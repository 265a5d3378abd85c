package dev.latchkey.adapter.persistence;

import dev.latchkey.application.port.out.MemoryOnly;
import dev.latchkey.application.port.out.ProofReplayPort;
import dev.latchkey.domain.ProofUse;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Single use of proofs of possession on every node (ADR 19): each use's key is inserted into {@code proof_replay},
 * whose primary key refuses a second; the inserts of concurrent requests share one transaction ({@link GroupCommit}).
 * On PostgreSQL, {@code ON CONFLICT DO NOTHING RETURNING} says which keys went in; the embedded H2 store is one node,
 * whose single writer reads which keys are there before it inserts the rest. A node also remembers the keys it
 * inserted until they expire (up to {@value #MAXIMUM_REMEMBERED}), so a replay to the same node is refused without
 * the store.
 */
@Singleton
@TranslatesStoreFailures
class ProofReplayAdapter implements ProofReplayPort {

    private static final int MAXIMUM_BATCH = 512;
    /** The most keys a node remembers: past it, a replay to this node is refused by the store alone. */
    static final int MAXIMUM_REMEMBERED = 100_000;

    private final TransactionOperations<Connection> transactions;
    private final GroupCommit<ProofUse, Boolean> commits;
    private final Map<String, Instant> usedHere = new ConcurrentHashMap<>();
    // Housekeeping, not business time: whether a kept key has expired is the wall clock's to say.
    private final Clock clock = Clock.systemUTC();

    ProofReplayAdapter(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
        this.commits = new GroupCommit<>("latchkey-proof-replay", MAXIMUM_BATCH, this::insertFirstUses);
    }

    @Override
    public boolean firstUse(ProofUse use) {
        String key = use.key();
        Instant remembered = usedHere.get(key);
        if (remembered != null && remembered.isAfter(clock.instant())) {
            return false;
        }
        // Recording a use waits for a commit: on an event loop, the caller is asked to come back where it may wait.
        MemoryOnly.mayWait();
        boolean first = commits.submit(use);
        if (first && usedHere.size() < MAXIMUM_REMEMBERED) {
            usedHere.put(key, use.expiresAt());
        }
        return first;
    }

    /** One transaction for the batch; a key given twice in it is a first use once, the first time. */
    private List<Boolean> insertFirstUses(List<ProofUse> batch) {
        return transactions.executeWrite(status -> {
            Connection connection = status.getConnection();
            Set<String> inserted = Statements.isPostgres(connection) ? insertOnPostgres(connection, batch)
                    : insertOnH2(connection, batch);
            List<Boolean> firsts = new ArrayList<>(batch.size());
            for (ProofUse use : batch) {
                firsts.add(inserted.remove(use.key()));
            }
            return firsts;
        });
    }

    private static Set<String> insertOnPostgres(Connection connection, List<ProofUse> batch) {
        StringBuilder sql = new StringBuilder("INSERT INTO proof_replay (proof_key, expires_at) VALUES ");
        List<Object> values = new ArrayList<>();
        for (int index = 0; index < batch.size(); index++) {
            sql.append(index == 0 ? "(?, ?)" : ", (?, ?)");
            values.add(batch.get(index).key());
            values.add(batch.get(index).expiresAt());
        }
        sql.append(" ON CONFLICT (proof_key) DO NOTHING RETURNING proof_key");
        return new HashSet<>(Statements.query(connection, sql.toString(), row -> row.getString(1),
                values.toArray()));
    }

    private static Set<String> insertOnH2(Connection connection, List<ProofUse> batch) {
        Set<String> inserted = new HashSet<>();
        for (ProofUse use : batch) {
            String key = use.key();
            boolean present = inserted.contains(key) || !Statements.query(connection,
                    "SELECT 1 FROM proof_replay WHERE proof_key = ?", row -> 1, key).isEmpty();
            if (!present && insertedOnH2(connection, use)) {
                inserted.add(key);
            }
        }
        return inserted;
    }

    /**
     * Inserts one key; false when another writer on the same database inserted it since it was read (a second
     * process on the file, a test's second context). H2 goes on with the transaction after a refused statement.
     */
    private static boolean insertedOnH2(Connection connection, ProofUse use) {
        try {
            Statements.update(connection, "INSERT INTO proof_replay (proof_key, expires_at) VALUES (?, ?)", use.key(),
                    use.expiresAt());
            return true;
        } catch (IllegalStateException refused) {
            if (UniqueViolation.isCauseOf(refused)) {
                return false;
            }
            throw refused;
        }
    }

    /** Deletes the keys of proofs that can no longer be presented, here and in the store. */
    @Scheduled(fixedDelay = "1m", initialDelay = "1m")
    long sweep() {
        Instant now = clock.instant();
        usedHere.values().removeIf(expiresAt -> !expiresAt.isAfter(now));
        return transactions.executeWrite(status -> Statements.update(status.getConnection(),
                "DELETE FROM proof_replay WHERE expires_at <= ?", now));
    }

    @PreDestroy
    void stop() throws InterruptedException {
        commits.stop();
    }
}
