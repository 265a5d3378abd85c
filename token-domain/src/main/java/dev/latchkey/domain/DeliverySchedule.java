package dev.latchkey.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When a webhook delivery that failed is tried again: about 5 seconds after the first attempt, then a minute, ten
 * minutes, an hour, and every six hours after that, until three days have passed since the first attempt; then it is
 * given up. Each pause is spread by up to a fifth either way, so that the deliveries an outage held back do not all
 * return in the same second.
 */
public final class DeliverySchedule {

    /** How long after its first attempt a delivery is given up. */
    public static final Duration GIVE_UP_AFTER = Duration.ofDays(3);
    private static final List<Duration> FIRST_PAUSES = List.of(Duration.ofSeconds(5), Duration.ofMinutes(1),
            Duration.ofMinutes(10), Duration.ofHours(1));
    private static final Duration LATER_PAUSE = Duration.ofHours(6);
    private static final double SPREAD = 0.2;

    private DeliverySchedule() {
    }

    /** The pause planned after the given number of failed attempts (1 after the first), before any spread. */
    public static Duration nominalPause(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("a pause follows a failed attempt");
        }
        return failedAttempts <= FIRST_PAUSES.size() ? FIRST_PAUSES.get(failedAttempts - 1) : LATER_PAUSE;
    }

    /**
     * When to try again, or empty when the delivery is given up: the next attempt would come three days or more after
     * the first.
     *
     * @param spread a number in [0, 1) from the randomness port; 0.5 keeps the nominal pause
     */
    public static Optional<Instant> nextAttempt(Instant firstAttemptAt, int failedAttempts, Instant failedAt,
                                                double spread) {
        if (spread < 0 || spread >= 1) {
            throw new IllegalArgumentException("the spread is a number in [0, 1)");
        }
        Duration nominal = nominalPause(failedAttempts);
        long millis = Math.round(nominal.toMillis() * (1 - SPREAD + 2 * SPREAD * spread));
        Instant next = failedAt.plusMillis(millis);
        return next.isBefore(firstAttemptAt.plus(GIVE_UP_AFTER)) ? Optional.of(next) : Optional.empty();
    }
}
