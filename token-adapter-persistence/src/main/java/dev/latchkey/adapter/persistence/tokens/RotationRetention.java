package dev.latchkey.adapter.persistence.tokens;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets idempotent rotations once their retry window has passed, so that the ledger does not grow forever. A retry
 * after the window rotates afresh, as a request without a key would.
 */
@Singleton
class RotationRetention {

    private static final Logger LOG = LoggerFactory.getLogger(RotationRetention.class);

    private final RotationRepository repository;
    private final Duration retryWindow;
    // Housekeeping, not business time: the wall clock is right here, and needs no port.
    private final Clock clock = Clock.systemUTC();

    RotationRetention(RotationRepository repository,
                      @Value("${latchkey.rotation.retry-window:24h}") Duration retryWindow) {
        this.repository = repository;
        this.retryWindow = retryWindow;
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "5m")
    long purge() {
        long removed = repository.deleteCreatedBefore(clock.instant().minus(retryWindow));
        if (removed > 0) {
            LOG.info("Forgot {} rotations older than their {} retry window", removed, retryWindow);
        }
        return removed;
    }
}
