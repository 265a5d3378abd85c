package dev.latchkey.adapter.persistence.changelog;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** The real reader, except that a test can make its reads hang, as a partitioned or overloaded store would. */
@Singleton
@Replaces(JdbcChangeLogReader.class)
@Requires(property = "spec.name", value = StallableChangeLogReader.SPEC)
class StallableChangeLogReader extends JdbcChangeLogReader {

    static final String SPEC = "stallable change log";

    private volatile CountDownLatch stall = new CountDownLatch(0);
    private final AtomicInteger stalledReads = new AtomicInteger();

    StallableChangeLogReader(javax.sql.DataSource dataSource) {
        super(dataSource);
    }

    void stall() {
        stall = new CountDownLatch(1);
    }

    void resume() {
        stall.countDown();
    }

    int stalledReads() {
        return stalledReads.get();
    }

    @Override
    public List<Change> readAfter(long seq, int limit) {
        CountDownLatch current = stall;
        if (current.getCount() > 0) {
            stalledReads.incrementAndGet();
            try {
                current.await();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while stalled", interrupted);
            }
        }
        return super.readAfter(seq, limit);
    }
}
