package dev.latchkey.adapter.persistence;

import java.time.Duration;
import java.util.Objects;

/**
 * How a node keeps the token check in memory (ADR 10).
 *
 * @param lease          how old a node's view of the change log may be before it stops answering from memory; a
 *                       change is answered only once this long has passed since it committed
 * @param maximumEntries bound of each cache (tokens, accounts, partners, clients, policies); the least useful
 *                       entries go first
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

    public Duration pollInterval() {
        return lease.dividedBy(2);
    }

    public Duration resyncAfter() {
        return logRetention.dividedBy(2);
    }
}
