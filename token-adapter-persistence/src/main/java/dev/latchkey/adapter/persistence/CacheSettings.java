package dev.latchkey.adapter.persistence;

import java.time.Duration;
import java.util.Objects;

/**
 * How a node keeps the token check in memory (ADR 10).
 *
 * @param lease          how old a node's view of the change log may be before it stops answering from memory; a
 *                       change is answered only once this long has passed since it committed
 * @param maximumEntries bound of each cache (tokens, accounts, partners, clients, policies); the least useful
 *                       entries go first; by default {@link #entriesFittingHeap} of the JVM's heap
 * @param usageFlush     how often the last-use times recorded in memory are written, in one batch
 * @param logRetention   how long change-log entries are kept; a node whose view is older than half of it starts
 *                       afresh with empty caches
 */
public record CacheSettings(Duration lease, long maximumEntries, Duration usageFlush, Duration logRetention) {

    public CacheSettings {
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(usageFlush, "usageFlush");
        Objects.requireNonNull(logRetention, "logRetention");
        if (lease.toMillis() < 10) {
            throw new IllegalArgumentException("latchkey.cache.lease must be at least 10ms, was " + lease);
        }
        if (maximumEntries < 0) {
            throw new IllegalArgumentException("latchkey.cache.maximum-entries must not be negative");
        }
        if (usageFlush.isNegative() || usageFlush.isZero()) {
            throw new IllegalArgumentException("latchkey.usage.flush-interval must be positive");
        }
        if (logRetention.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("latchkey.change-log.retention must be at least 1m");
        }
    }

    /**
     * What one cached token costs in the heap, its secret-hash index entry included: 30,000 tokens cached by
     * {@code GET /api/v1/tokens/self} took 36 MB more of the live heap after a full collection (JDK 17, 2026-12-06;
     * H2's page cache, bounded by its own setting, grew in the same reads, so this rounds up).
     */
    static final long BYTES_PER_CACHED_TOKEN = 1_200;
    /** The default bound where the heap is large enough: more entries buy little once the active set fits. */
    static final long MOST_ENTRIES_BY_DEFAULT = 100_000;

    /**
     * How many entries each cache keeps by default: as many tokens as fit in a quarter of the heap, at most
     * {@value #MOST_ENTRIES_BY_DEFAULT}. A cache bounded only by a count could otherwise outgrow a small heap (the
     * launcher's 128 MB holds about 28,000), and a JVM out of heap exits; an evicted token costs one read.
     */
    public static long entriesFittingHeap(long maximumHeapBytes) {
        return Math.max(1_000, Math.min(MOST_ENTRIES_BY_DEFAULT, maximumHeapBytes / 4 / BYTES_PER_CACHED_TOKEN));
    }

    public Duration pollInterval() {
        return lease.dividedBy(2);
    }

    public Duration resyncAfter() {
        return logRetention.dividedBy(2);
    }
}
