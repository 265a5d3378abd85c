package dev.latchkey.adapter.persistence.sessions;

import dev.latchkey.domain.SessionTimeouts;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;

/**
 * Deletes the sessions past either timeout. An ended session is refused whether or not its row is still there; the
 * sweep only keeps the table as small as the number of people signed in. The timeouts are the service's
 * configuration, given by whoever wires it.
 */
@Singleton
@Requires(beans = SessionTimeouts.class)
class SignInSessionRetention {

    private final SignInSessionRepository rows;
    private final SessionTimeouts timeouts;
    private final Clock clock = Clock.systemUTC();

    SignInSessionRetention(SignInSessionRepository rows, SessionTimeouts timeouts) {
        this.rows = rows;
        this.timeouts = timeouts;
    }

    @Scheduled(fixedDelay = "5m", initialDelay = "1m")
    long purge() {
        Instant now = clock.instant();
        return rows.deleteEnded(now.minus(timeouts.idle()), now.minus(timeouts.lifetime()));
    }
}
