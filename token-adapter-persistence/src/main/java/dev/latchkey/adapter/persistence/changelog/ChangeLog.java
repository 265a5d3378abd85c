package dev.latchkey.adapter.persistence.changelog;

import dev.latchkey.adapter.persistence.JdbcTransactions;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Appends changes that end a token's validity, inside the transaction that makes them, so that a change is in the
 * log exactly when it is in the store. The rows go in as that transaction's last work: every append takes the
 * log's one head row, so no transaction may hold it while it waits for another lock (see {@link JdbcTransactions}).
 */
@Singleton
public class ChangeLog {

    private final ChangeLogRepository repository;
    private final JdbcTransactions writes;
    // Housekeeping time for retention, not business time: the wall clock is right here.
    private final Clock clock = Clock.systemUTC();

    ChangeLog(ChangeLogRepository repository, JdbcTransactions writes) {
        this.repository = repository;
        this.writes = writes;
    }

    /** Records the subjects as changed; must run inside {@link JdbcTransactions#write}, which writes them just before it commits. */
    public void append(Collection<Change.Subject> subjects) {
        if (subjects.isEmpty()) {
            return;
        }
        writes.announceChange();
        List<Change.Subject> changed = List.copyOf(subjects);
        writes.beforeCommit(() -> insert(changed));
    }

    private void insert(List<Change.Subject> subjects) {
        repository.reserve(subjects.size());
        long next = repository.lastSeq() - subjects.size() + 1;
        List<ChangeRow> rows = new ArrayList<>(subjects.size());
        for (Change.Subject subject : subjects) {
            rows.add(new ChangeRow(next++, subject.kind().name(), subject.id(), clock.instant()));
        }
        repository.saveAll(rows);
    }

    public void append(Change.Subject subject) {
        append(List.of(subject));
    }
}
