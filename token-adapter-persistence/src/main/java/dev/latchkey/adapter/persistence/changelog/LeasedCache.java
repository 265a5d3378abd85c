package dev.latchkey.adapter.persistence.changelog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.latchkey.adapter.persistence.StoreMetrics;
import dev.latchkey.application.port.out.MemoryOnly;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A size-bounded cache of store reads whose entries the {@link ChangeFeed} invalidates, and which answers from
 * memory only while the feed's lease holds (ADR 10). If the lease has lapsed, it first tries to bring the feed up to
 * date; failing that, it reads through to the store and keeps the result.
 *
 * <p>Loads run inside the cache's atomic computation for the key, so an invalidation that arrives while a load is
 * in flight waits for it and then removes what it loaded: a read that began before a change can never be cached
 * after the change was applied. Absent values are not cached.
 */
public final class LeasedCache<K, V> {

    private record Entry<V>(V value, long epoch) {
    }

    private final Cache<K, Entry<V>> cache;
    private final ChangeFeed feed;
    private final BooleanSupplier inTransaction;
    private final LongAdder hits;
    private final LongAdder misses;

    /**
     * @param inTransaction whether the caller is inside a transaction: its reads must see its own writes, and what it
     *                      reads must not be cached, since the transaction may yet roll back
     */
    LeasedCache(ChangeFeed feed, long maximumEntries, BooleanSupplier inTransaction, String name,
                StoreMetrics metrics) {
        this.hits = metrics.cacheCounter(name, true);
        this.misses = metrics.cacheCounter(name, false);
        this.feed = feed;
        this.inTransaction = inTransaction;
        this.cache = Caffeine.newBuilder().maximumSize(maximumEntries).build();
        feed.onNewEpoch(cache::invalidateAll);
    }

    /** The cached value, or the store's; in {@link MemoryOnly} mode, only the cached one, or {@code WouldWait}. */
    public Optional<V> get(K key, Function<K, Optional<V>> load) {
        if (inTransaction.getAsBoolean()) {
            return load.apply(key);
        }
        if (feed.isFresh() || !MemoryOnly.isRequested() && feed.catchUp()) {
            Entry<V> present = cache.getIfPresent(key);
            if (present != null && present.epoch() == feed.epoch()) {
                hits.increment();
                return Optional.of(present.value());
            }
            MemoryOnly.mayWait();
            misses.increment();
            long epoch = feed.epoch();
            Entry<V> cached = cache.get(key, missing -> entry(load, missing, epoch));
            if (cached == null || cached.epoch() == epoch) {
                return cached == null ? Optional.empty() : Optional.of(cached.value());
            }
        }
        return reload(key, load);
    }

    /** Reads the store, and keeps what it read for when the view is fresh again. */
    Optional<V> reload(K key, Function<K, Optional<V>> load) {
        MemoryOnly.mayWait();
        misses.increment();
        long epoch = feed.epoch();
        Entry<V> loaded = cache.asMap().compute(key, (missing, stale) -> entry(load, missing, epoch));
        return loaded == null ? Optional.empty() : Optional.of(loaded.value());
    }

    /** Replaces a cached value with {@code update} of it; does nothing if the key is not cached. */
    public void updateIfCached(K key, UnaryOperator<V> update) {
        cache.asMap().computeIfPresent(key, (present, entry) -> new Entry<>(update.apply(entry.value()), entry.epoch()));
    }

    void invalidate(K key) {
        cache.invalidate(key);
    }

    private static <K, V> Entry<V> entry(Function<K, Optional<V>> load, K key, long epoch) {
        return load.apply(key).map(value -> new Entry<>(value, epoch)).orElse(null);
    }
}
