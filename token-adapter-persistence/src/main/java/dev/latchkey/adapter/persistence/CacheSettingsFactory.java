package dev.latchkey.adapter.persistence;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;

@Factory
class CacheSettingsFactory {

    @Singleton
    CacheSettings cacheSettings(@Value("${latchkey.cache.lease:100ms}") Duration lease,
                                @Value("${latchkey.cache.maximum-entries:100000}") long maximumEntries,
                                @Value("${latchkey.usage.flush-interval:1s}") Duration usageFlush,
                                @Value("${latchkey.change-log.retention:1h}") Duration logRetention) {
        return new CacheSettings(lease, maximumEntries, usageFlush, logRetention);
    }
}
