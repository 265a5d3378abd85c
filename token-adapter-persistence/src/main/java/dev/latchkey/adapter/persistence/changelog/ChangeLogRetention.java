package dev.latchkey.adapter.persistence.changelog;

import dev.latchkey.adapter.persistence.CacheSettings;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/**
 * Forgets change-log entries older than the retention, so that the log stays small. A node that could not read the
 * log for half that long starts afresh instead of replaying it ({@link ChangeFeed}).
 */
@Singleton
class ChangeLogRetention {

    private final ChangeLogRepository repository;
    private final Duration retention;
    private final Clock clock = Clock.systemUTC();

    ChangeLogRetention(ChangeLogRepository repository, CacheSettings settings) {
        this.repository = repository;
        this.retention = settings.logRetention();
    }

    @Scheduled(fixedDelay = "5m", initialDelay = "1m")
    long purge() {
        return repository.deleteRecordedBefore(clock.instant().minus(retention));
    }
}
