package dev.latchkey.adapter.persistence.limits;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Deletes the allowances that have refilled: a full bucket and a missing row mean the same, and guessing with many
 * usernames would otherwise leave a row per username for ever.
 */
@Singleton
class LoginAllowanceRetention {

    private final LoginAllowanceRepository rows;
    private final Clock clock = Clock.systemUTC();

    LoginAllowanceRetention(LoginAllowanceRepository rows) {
        this.rows = rows;
    }

    @Scheduled(fixedDelay = "10m", initialDelay = "2m")
    long purge() {
        return rows.deleteRefilledBefore(clock.instant());
    }
}
