package dev.latchkey.adapter.persistence.changelog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.latchkey.adapter.persistence.StoreMetrics;
import dev.latchkey.application.port.out.MemoryOnly;
import io.micronaut.core.annotation.Nullable;
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
 * after the change was applied.
 *
 * <p>Absence is remembered only where the keys are few and come from the store itself (policies: the default and
 * one per organization), so that a key nobody has stored is not read again on every request. Where a caller chooses
 * the key (a token id, a client id), absence is not remembered: a flood of unknown keys would otherwise push out
 * what is worth keeping.
 */
public final class LeasedCache<K, V> {

    /** A value read from the store at an epoch; {@code null} where the store had none and absence is remembered. */
    private record Entry<V>(@Nullable V value, long epoch) {
        Optional<V> found() {
            return Optional.ofNullable(value);
        }
    }

    private final Cache<K, Entry<V>> cache;
    private final ChangeFeed feed;
    private final BooleanSupplier inTransaction;
    private final LongAdder hits;
    private final LongAdder misses;
    private final boolean remembersAbsence;

    /**
     * @param inTransaction whether the caller is inside a transaction: its reads must see its own writes, and what it
     *                      reads must not be cached, since the transaction may yet roll back
     * @param remembersAbsence whether a key the store has no value for is kept as absent until a change of it
     */
    LeasedCache(ChangeFeed feed, long maximumEntries, BooleanSupplier inTransaction, String name,
                StoreMetrics metrics, boolean remembersAbsence) {
        this.remembersAbsence = remembersAbsence;
        this.hits = metrics.cacheCounter(name, true);
        this.misses = metrics.cacheCounter(name, false);
        this.feed = feed;
        this.inTransaction = inTransaction;
        this.cache = Caffeine.newBuilder().maximumSize(maximumEntries).build();
        feed.onNewEpoch(cache::invalidateAll);
    }

    /** The cached value, or the store's; in {@link MemoryOnly} mode, only the cached one, or {@code WouldWait}. */
    public Optional<V> get(K key, Function<K, Optional<V>> load) {
        // Memory-only mode is asked for only by inbound adapters on an event loop, where no transaction is open, and
        // no transaction begins in it (every write waits): so the transaction's lookup in the propagated context, 4 %
        // of an introspection's samples, is skipped on the token check.
        if (!MemoryOnly.isRequested() && inTransaction.getAsBoolean()) {
            return load.apply(key);
        }
        if (feed.isFresh() || !MemoryOnly.isRequested() && feed.catchUp()) {
            Entry<V> present = cache.getIfPresent(key);
            if (present != null && present.epoch() == feed.epoch()) {
                hits.increment();
                return present.found();
            }
            MemoryOnly.mayWait();
            misses.increment();
            long epoch = feed.epoch();
            Entry<V> cached = cache.get(key, missing -> entry(load, missing, epoch));
            if (cached == null || cached.epoch() == epoch) {
                return cached == null ? Optional.empty() : cached.found();
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
        return loaded == null ? Optional.empty() : loaded.found();
    }

    /** Replaces a cached value with {@code update} of it; does nothing if the key is not cached. */
    public void updateIfCached(K key, UnaryOperator<V> update) {
        cache.asMap().computeIfPresent(key, (present, entry) -> entry.value() == null ? entry
                : new Entry<>(update.apply(entry.value()), entry.epoch()));
    }

    void invalidate(K key) {
        cache.invalidate(key);
    }

    private @Nullable Entry<V> entry(Function<K, Optional<V>> load, K key, long epoch) {
        Optional<V> loaded = load.apply(key);
        if (loaded.isEmpty() && !remembersAbsence) {
            return null;
        }
        return new Entry<>(loaded.orElse(null), epoch);
    }
}
