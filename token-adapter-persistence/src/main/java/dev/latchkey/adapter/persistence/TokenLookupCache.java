package dev.latchkey.adapter.persistence;

import dev.latchkey.domain.SecretHash;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenId;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Remembers tokens looked up by secret hash for a short time, so that a client calling every second does not cost a
 * query every second.
 *
 * <p>Staleness is bounded twice. Every entry expires after {@code timeToLive}, whatever happens. And an invalidation
 * (a local revocation, or a revocation announced by another node) removes the token at once and wins any race with a
 * lookup already in flight: each lookup takes a ticket before it reads the database, each invalidation takes a
 * ticket too, and a lookup whose ticket is older than the token's last invalidation neither uses nor stores what it
 * read. Without that, a lookup that read "active" just before a revocation could store it just after, and the
 * revoked token would be served for a whole time-to-live.
 *
 * <p>Expiry needs no invalidation: status is computed from the token's expiry on every use.
 */
final class TokenLookupCache {

    private record Entry(Token token, long storedAtNanos, long ticket) {
    }

    private record Invalidation(long ticket, long atNanos) {
    }

    private final Map<SecretHash, Entry> byHash = new ConcurrentHashMap<>();
    private final Map<TokenId, Invalidation> invalidations = new ConcurrentHashMap<>();
    private final AtomicLong tickets = new AtomicLong();
    private final long timeToLiveNanos;
    private final int maxEntries;
    private final LongSupplier nanoTime;
    private volatile long clearedAtTicket;

    TokenLookupCache(Duration timeToLive, int maxEntries, LongSupplier nanoTime) {
        this.timeToLiveNanos = timeToLive.toNanos();
        this.maxEntries = maxEntries;
        this.nanoTime = nanoTime;
    }

    Optional<Token> get(SecretHash hash, Function<SecretHash, Optional<Token>> loader) {
        // Read before the lookup: an entry is never younger than the database read it holds.
        long now = nanoTime.getAsLong();
        Entry cached = byHash.get(hash);
        if (cached != null && isCurrent(cached, now)) {
            return Optional.of(cached.token());
        }
        long ticket = tickets.incrementAndGet();
        Optional<Token> loaded = loader.apply(hash);
        loaded.ifPresent(token -> store(hash, new Entry(token, now, ticket)));
        return loaded;
    }

    /** Forgets a token at once, and makes sure no lookup already in flight brings it back. */
    void invalidate(TokenId id) {
        long now = nanoTime.getAsLong();
        invalidations.put(id, new Invalidation(tickets.incrementAndGet(), now));
        byHash.values().removeIf(entry -> entry.token().id().equals(id));
        // An invalidation older than the time-to-live can veto nothing: every entry read before it has expired.
        invalidations.values().removeIf(invalidation -> now - invalidation.atNanos() > timeToLiveNanos);
    }

    /** Forgets everything, lookups in flight included; for when announcements may have been missed. */
    void clear() {
        clearedAtTicket = tickets.incrementAndGet();
        byHash.clear();
    }

    int size() {
        return byHash.size();
    }

    private boolean isCurrent(Entry entry, long now) {
        return now - entry.storedAtNanos() < timeToLiveNanos
                && entry.ticket() > clearedAtTicket
                && !invalidatedAfter(entry.token().id(), entry.ticket());
    }

    private void store(SecretHash hash, Entry entry) {
        if (!isCurrent(entry, entry.storedAtNanos())) {
            return;
        }
        if (byHash.size() >= maxEntries) {
            long now = nanoTime.getAsLong();
            byHash.values().removeIf(cached -> !isCurrent(cached, now));
            if (byHash.size() >= maxEntries) {
                return;
            }
        }
        // A concurrent invalidation may land between the check above and this put; isCurrent on every read catches it.
        byHash.put(hash, entry);
    }

    private boolean invalidatedAfter(TokenId id, long ticket) {
        Invalidation invalidation = invalidations.get(id);
        return invalidation != null && invalidation.ticket() > ticket;
    }
}
