package dev.latchkey.adapter.persistence;

import dev.latchkey.domain.TokenId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides which uses of a token are written: the first, and then at most one per interval per token on this node.
 * The others are still checked against the store for revocation, by a read. A client calling a hundred times a second
 * thus costs one commit a second instead of a hundred, and {@code lastUsedAt} is at most one interval behind.
 */
final class UseWriteCoalescer {

    private final long intervalNanos;
    private final int maxTracked;
    private final Map<TokenId, Instant> lastWritten = new ConcurrentHashMap<>();

    UseWriteCoalescer(Duration interval, int maxTracked) {
        this.intervalNanos = interval.toNanos();
        this.maxTracked = maxTracked;
    }

    /** Whether this use should be written; if so, it is remembered as the last written one. */
    boolean shouldWrite(TokenId id, Instant usedAt) {
        if (intervalNanos <= 0) {
            return true;
        }
        Instant last = lastWritten.get(id);
        if (last != null && Duration.between(last, usedAt).toNanos() < intervalNanos) {
            return false;
        }
        if (lastWritten.size() >= maxTracked) {
            // Forgetting only means an extra write for the tokens forgotten: correctness never depends on this map.
            lastWritten.clear();
        }
        lastWritten.put(id, usedAt);
        return true;
    }

    void forget(TokenId id) {
        lastWritten.remove(id);
    }
}
