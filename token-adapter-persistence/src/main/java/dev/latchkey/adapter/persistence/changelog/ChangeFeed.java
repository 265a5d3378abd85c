package dev.latchkey.adapter.persistence.changelog;

import dev.latchkey.adapter.persistence.BackgroundWork;
import dev.latchkey.adapter.persistence.CacheSettings;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's view of the change log, and the lease that says whether the view may be trusted (ADR 10).
 *
 * <p>Every half lease the feed reads the changes after the last one it applied and hands each to the caches that
 * hold its subject. The view's age is measured on this node's monotonic clock from the moment the read was sent,
 * not answered, and only after its changes were applied; while it is younger than the lease, caches may answer.
 * Writers wait a lease after committing, so whatever they changed is either applied here or the view is too old
 * to be trusted, and the caches read through to the store.
 *
 * <p>If the log is missing entries this node has not applied (they were purged while it could not read), or if
 * the view is older than half the log's retention, the feed starts afresh: a new epoch, in which nothing cached
 * before counts.
 */
@Singleton
class ChangeFeed {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);
    static final int BATCH = 500;

    private final ChangeLogReader reader;
    private final LongSupplier nanoTime;
    private final long leaseNanos;
    private final long resyncAfterNanos;
    private final Map<Change.Kind, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();
    private final List<Runnable> epochListeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService poller;

    private volatile long viewSentAt;
    private volatile long epoch;
    private final ReentrantLock reading = new ReentrantLock();
    private long cursor = -1;
    private boolean failing;

    @Inject
    ChangeFeed(ChangeLogReader reader, CacheSettings settings) {
        this(reader, settings, System::nanoTime, true);
    }

    ChangeFeed(ChangeLogReader reader, CacheSettings settings, LongSupplier nanoTime, boolean schedule) {
        this.reader = reader;
        this.nanoTime = nanoTime;
        this.leaseNanos = settings.lease().toNanos();
        this.resyncAfterNanos = settings.resyncAfter().toNanos();
        this.viewSentAt = nanoTime.getAsLong() - 2 * leaseNanos;
        if (schedule) {
            poller = BackgroundWork.start("latchkey-change-feed", Duration.ZERO, settings.pollInterval(), this::poll);
        } else {
            poller = null;
        }
    }

    /** How long ago the last applied read of the log was sent. */
    java.time.Duration age() {
        return java.time.Duration.ofNanos(nanoTime.getAsLong() - viewSentAt);
    }

    /** Whether caches may answer now: the last applied read of the log was sent less than a lease ago. */
    boolean isFresh() {
        return nanoTime.getAsLong() - viewSentAt < leaseNanos;
    }

    /** Entries cached in an earlier epoch do not count. */
    long epoch() {
        return epoch;
    }

    void onChange(Change.Kind kind, Consumer<String> invalidate) {
        listeners.computeIfAbsent(kind, ignored -> new CopyOnWriteArrayList<>()).add(invalidate);
    }

    void onNewEpoch(Runnable clear) {
        epochListeners.add(clear);
    }

    /**
     * Brings a lapsed view up to date on the caller's thread, unless another read is under way and does not finish
     * within half a lease; returns whether the view is fresh. Under load the scheduled read can run late, and one
     * read of the log on behalf of every waiting request is far cheaper than each of them reading the store.
     */
    boolean catchUp() {
        if (isFresh()) {
            return true;
        }
        try {
            if (!reading.tryLock(leaseNanos / 2, TimeUnit.NANOSECONDS)) {
                return false;
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            if (!isFresh()) {
                read();
            }
        } finally {
            reading.unlock();
        }
        return isFresh();
    }

    /** One read of the log; the scheduler calls it every half lease. */
    void poll() {
        reading.lock();
        try {
            read();
        } finally {
            reading.unlock();
        }
    }

    private void read() {
        long sent = nanoTime.getAsLong();
        try {
            if (cursor < 0 || sent - viewSentAt > resyncAfterNanos) {
                startEpoch(sent);
                return;
            }
            List<Change> changes;
            do {
                changes = reader.readAfter(cursor, BATCH);
                if (!changes.isEmpty() && changes.get(0).seq() != cursor + 1) {
                    LOG.warn("Change log entries {} to {} were purged before this node read them; starting afresh",
                            cursor + 1, changes.get(0).seq() - 1);
                    startEpoch(sent);
                    return;
                }
                for (Change change : changes) {
                    apply(change.subject());
                    cursor = change.seq();
                }
            } while (changes.size() == BATCH);
            viewSentAt = sent;
            recovered();
        } catch (RuntimeException unreadable) {
            if (!failing) {
                failing = true;
                LOG.warn("Cannot read the change log; after the {} ms lease this node reads tokens from the store",
                        TimeUnit.NANOSECONDS.toMillis(leaseNanos), unreadable);
            }
        }
    }

    private void startEpoch(long sent) {
        long head = reader.head();
        epoch++;
        epochListeners.forEach(Runnable::run);
        cursor = head;
        viewSentAt = sent;
        recovered();
    }

    private void recovered() {
        if (failing) {
            failing = false;
            LOG.info("Reading the change log again");
        }
    }

    private void apply(Change.Subject subject) {
        listeners.getOrDefault(subject.kind(), List.of()).forEach(invalidate -> invalidate.accept(subject.id()));
    }

    @PreDestroy
    void stop() {
        if (poller != null) {
            BackgroundWork.stop(poller, java.time.Duration.ofSeconds(10));
        }
    }
}
