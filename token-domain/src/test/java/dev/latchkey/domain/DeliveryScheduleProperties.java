package dev.latchkey.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

class DeliveryScheduleProperties {

    private static final Instant FIRST = Instant.parse("2026-12-05T10:00:00Z");

    @Property
    void eachPauseIsItsPlannedOneSpreadByAtMostAFifth(@ForAll @IntRange(min = 1, max = 40) int failed,
                                                     @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) @net.jqwik.api.constraints.Scale(6) double spread) {
        Duration nominal = DeliverySchedule.nominalPause(failed);

        Optional<Instant> next = DeliverySchedule.nextAttempt(FIRST, failed, FIRST, spread);

        assertThat(next).hasValueSatisfying(at -> assertThat(Duration.between(FIRST, at))
                .isBetween(Duration.ofMillis(Math.round(nominal.toMillis() * 0.8)),
                        Duration.ofMillis(Math.round(nominal.toMillis() * 1.2))));
    }

    @Property
    void noAttemptIsPlannedThreeDaysOrMoreAfterTheFirst(@ForAll @IntRange(min = 1, max = 40) int failed,
                                                       @ForAll @IntRange(min = 0, max = 80) int hoursLater,
                                                       @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) @net.jqwik.api.constraints.Scale(6) double spread) {
        Instant failedAt = FIRST.plus(Duration.ofHours(hoursLater));

        DeliverySchedule.nextAttempt(FIRST, failed, failedAt, spread).ifPresent(next ->
                assertThat(next).isBefore(FIRST.plus(DeliverySchedule.GIVE_UP_AFTER)).isAfter(failedAt));
    }

    @Example
    void theScheduleIsFiveSecondsAMinuteTenMinutesAnHourThenEverySixHours() {
        assertThat(java.util.stream.IntStream.rangeClosed(1, 6).mapToObj(DeliverySchedule::nominalPause))
                .containsExactly(Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofMinutes(10),
                        Duration.ofHours(1), Duration.ofHours(6), Duration.ofHours(6));
    }

    @Example
    void aDeliveryThatFailsEveryTimeIsTriedAboutFifteenTimesInThreeDaysThenGivenUp() {
        Instant at = FIRST;
        int attempts = 1;
        Optional<Instant> next = DeliverySchedule.nextAttempt(FIRST, attempts, at, 0.5);
        while (next.isPresent()) {
            at = next.get();
            attempts++;
            next = DeliverySchedule.nextAttempt(FIRST, attempts, at, 0.5);
        }

        assertThat(attempts).isEqualTo(16);
        assertThat(at).isBefore(FIRST.plus(Duration.ofDays(3))).isAfter(FIRST.plus(Duration.ofDays(2)));
    }
}
