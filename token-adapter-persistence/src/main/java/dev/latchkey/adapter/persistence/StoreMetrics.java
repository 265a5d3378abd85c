package dev.latchkey.adapter.persistence;

import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.AuditEventType;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * What the store counts for operators, read by whatever exports metrics: audit events by type and reason, the
 * caches' hits and misses, and the password hashes waiting for a slot. Counting is a {@link LongAdder} per series,
 * so the token check pays no contention for it.
 */
@Singleton
public class StoreMetrics {

    private record Series(AuditEventType type, String reason) {
    }

    private final Map<Series, LongAdder> events = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> cacheGets = new ConcurrentHashMap<>();
    private volatile IntSupplier waitingPasswordHashes = () -> 0;

    /** How many events of this type, and with this reason ("" for none), were recorded since start. */
    public long events(AuditEventType type, String reason) {
        LongAdder count = events.get(new Series(type, reason));
        return count == null ? 0 : count.sum();
    }

    /** How many lookups of the named cache ({@code tokens}, {@code accounts}, …) were answered from memory, or not. */
    public long cacheGets(String cache, boolean hit) {
        LongAdder count = cacheGets.get(cache + (hit ? ":hit" : ":miss"));
        return count == null ? 0 : count.sum();
    }

    /** How many password hashes wait for a free hashing slot now; 0 where no hasher reports it. */
    public int waitingPasswordHashes() {
        return waitingPasswordHashes.getAsInt();
    }

    /** The password hasher tells where its queue can be read. */
    public void watchWaitingPasswordHashes(IntSupplier waiting) {
        waitingPasswordHashes = waiting;
    }

    public void counted(AuditEvent event) {
        events.computeIfAbsent(new Series(event.type(), reasonOf(event.detail())), series -> new LongAdder())
                .add(event.count());
    }

    public LongAdder cacheCounter(String cache, boolean hit) {
        return cacheGets.computeIfAbsent(cache + (hit ? ":hit" : ":miss"), name -> new LongAdder());
    }

    /** The {@code reason=…} word of an event's detail, or "" when it names none. */
    static String reasonOf(String detail) {
        int at = detail.indexOf("reason=");
        if (at < 0) {
            return "";
        }
        int end = detail.indexOf(' ', at);
        return detail.substring(at + "reason=".length(), end < 0 ? detail.length() : end);
    }
}
