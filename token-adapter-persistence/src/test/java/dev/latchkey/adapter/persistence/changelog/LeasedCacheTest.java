package dev.latchkey.adapter.persistence.changelog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapter.persistence.CacheSettings;
import dev.latchkey.adapter.persistence.StoreMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What a leased cache keeps of a key the store has no value for, and when it reads the store again. */
class LeasedCacheTest {

    private final List<Change> log = new ArrayList<>();
    private final ChangeFeed feed = new ChangeFeed(new ChangeLogReader() {
        @Override
        public long head() {
            return log.size();
        }

        @Override
        public List<Change> readAfter(long seq, int limit) {
            return List.copyOf(log.subList((int) seq, Math.min(log.size(), (int) seq + limit)));
        }
    }, new CacheSettings(Duration.ofMinutes(1), 100, Duration.ofSeconds(1), Duration.ofHours(1)), System::nanoTime,
            false);
    private final Map<String, String> store = new ConcurrentHashMap<>();
    private final AtomicInteger reads = new AtomicInteger();

    private LeasedCache<String, String> cache(boolean remembersAbsence) {
        LeasedCache<String, String> cache = new LeasedCache<>(feed, 100, () -> false, "policies", new StoreMetrics(),
                remembersAbsence);
        feed.onChange(Change.Kind.POLICY, cache::invalidate);
        feed.poll();
        return cache;
    }

    private Optional<String> read(LeasedCache<String, String> cache, String key) {
        return cache.get(key, missing -> {
            reads.incrementAndGet();
            return Optional.ofNullable(store.get(missing));
        });
    }

    private void change(String key, String value) {
        if (value == null) {
            store.remove(key);
        } else {
            store.put(key, value);
        }
        log.add(new Change(log.size() + 1, new Change.Subject(Change.Kind.POLICY, key)));
        feed.poll();
    }

    @Test
    void aRememberedAbsenceIsReadOnceAndEndsWithTheChangeThatStoresAValue() {
        LeasedCache<String, String> policies = cache(true);

        assertThat(read(policies, "default")).isEmpty();
        assertThat(read(policies, "default")).isEmpty();
        assertThat(reads).hasValue(1);

        change("default", "at most 30 days");
        assertThat(read(policies, "default")).contains("at most 30 days");
        assertThat(read(policies, "default")).contains("at most 30 days");
        assertThat(reads).hasValue(2);

        change("default", null);
        assertThat(read(policies, "default")).isEmpty();
        assertThat(reads).hasValue(3);
    }

    @Test
    void aCacheThatForgetsAbsenceReadsTheStoreForAnUnknownKeyEachTime() {
        LeasedCache<String, String> tokens = cache(false);

        assertThat(read(tokens, "unknown")).isEmpty();
        assertThat(read(tokens, "unknown")).isEmpty();

        assertThat(reads).hasValue(2);
    }

    @Test
    void anUpdateOfACachedValueLeavesARememberedAbsenceAbsent() {
        LeasedCache<String, String> policies = cache(true);
        assertThat(read(policies, "organization")).isEmpty();

        policies.updateIfCached("organization", value -> value + ", updated");

        assertThat(read(policies, "organization")).isEmpty();
    }
}
