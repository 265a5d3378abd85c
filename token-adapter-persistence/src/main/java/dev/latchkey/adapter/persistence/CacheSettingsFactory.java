package dev.latchkey.adapter.persistence;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;

@Factory
class CacheSettingsFactory {

    @Singleton
    CacheSettings cacheSettings(@Value("${latchkey.cache.lease:100ms}") Duration lease,
                                @Value("${latchkey.cache.maximum-entries:-1}") long maximumEntries,
                                @Value("${latchkey.usage.flush-interval:1s}") Duration usageFlush,
                                @Value("${latchkey.change-log.retention:1h}") Duration logRetention) {
        // Unset (-1): as many as fit in a quarter of this JVM's heap, so that a full cache can never exhaust it.
        long entries = maximumEntries == -1 ? CacheSettings.entriesFittingHeap(Runtime.getRuntime().maxMemory())
                : maximumEntries;
        return new CacheSettings(lease, entries, usageFlush, logRetention);
    }
}
