package dev.latchkey.adapter.persistence;

import dev.latchkey.domain.SecretHash;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenId;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Remembers tokens looked up by secret hash for a while, so that a client calling every second does not cost a
 * lookup query every second.
 *
 * <p>Correctness does not rest on this cache. What a token is (owner, kind, scopes, expiry) never changes after
 * issue, and whether it has been revoked is decided, on every use, by the store's conditional write; a cached token
 * that turns out to be revoked is dropped then. The time-to-live only bounds how long an unused token occupies
 * memory, and the size bound how much memory that is.
 */
final class TokenLookupCache {

    private record Entry(Token token, long storedAtNanos) {
    }

    private final Map<SecretHash, Entry> byHash = new ConcurrentHashMap<>();
    private final long timeToLiveNanos;
    private final int maxEntries;
    private final LongSupplier nanoTime;

    TokenLookupCache(Duration timeToLive, int maxEntries, LongSupplier nanoTime) {
        this.timeToLiveNanos = timeToLive.toNanos();
        this.maxEntries = maxEntries;
        this.nanoTime = nanoTime;
    }

    Optional<Token> get(SecretHash hash, Function<SecretHash, Optional<Token>> loader) {
        long now = nanoTime.getAsLong();
        Entry cached = byHash.get(hash);
        if (cached != null && isFresh(cached, now)) {
            return Optional.of(cached.token());
        }
        Optional<Token> loaded = loader.apply(hash);
        loaded.ifPresent(token -> store(hash, new Entry(token, now)));
        return loaded;
    }

    void invalidate(TokenId id) {
        byHash.values().removeIf(entry -> entry.token().id().equals(id));
    }

    int size() {
        return byHash.size();
    }

    private boolean isFresh(Entry entry, long now) {
        return now - entry.storedAtNanos() < timeToLiveNanos;
    }

    private void store(SecretHash hash, Entry entry) {
        if (timeToLiveNanos <= 0) {
            return;
        }
        if (byHash.size() >= maxEntries) {
            long now = nanoTime.getAsLong();
            byHash.values().removeIf(cached -> !isFresh(cached, now));
            if (byHash.size() >= maxEntries) {
                return;
            }
        }
        byHash.put(hash, entry);
    }
}
