package dev.latchkey.adapter.persistence.audit;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes audit events older than {@code latchkey.audit.retention} (400 days unless configured). */
@Singleton
class AuditRetention {

    private static final Logger LOG = LoggerFactory.getLogger(AuditRetention.class);

    private final AuditTrailAdapter trail;
    private final Duration retention;
    // Housekeeping, not business time: the wall clock is right here, and needs no port.
    private final Clock clock = Clock.systemUTC();

    AuditRetention(AuditTrailAdapter trail, @Value("${latchkey.audit.retention:400d}") Duration retention) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("latchkey.audit.retention must be positive");
        }
        this.trail = trail;
        this.retention = retention;
    }

    @Scheduled(fixedDelay = "1h", initialDelay = "7m")
    long purge() {
        long removed = trail.deleteBefore(clock.instant().minus(retention));
        if (removed > 0) {
            LOG.info("Deleted {} audit events older than the {} retention", removed, retention);
        }
        return removed;
    }
}
