package dev.latchkey.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.domain.SigningKeySchedule.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SigningKeyScheduleTest {

    private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");
    private static final Duration LIFETIME = Duration.ofMinutes(5);

    private final Version first = new Version("first", T0);
    private final Version second = new Version("second", T0.plus(Duration.ofDays(30)));
    private final SigningKeySchedule schedule = new SigningKeySchedule(List.of(second, first), LIFETIME);

    @Test
    void aKeySignsFromItsActivationUntilItsSuccessorsAndIsPublishedBeforeIt() {
        Instant justBefore = second.activatesAt().minusMillis(1);

        assertThat(schedule.signingAt(T0.minusMillis(1))).isEmpty();
        assertThat(schedule.signingAt(justBefore)).contains(first);
        assertThat(schedule.publishedAt(justBefore)).as("the successor is already published")
                .containsExactly(first, second);
        assertThat(schedule.signingAt(second.activatesAt())).contains(second);
    }

    @Test
    void aRetiredKeyStaysPublishedUntilTheLastTokenItSignedHasExpired() {
        Instant lastExpiry = second.activatesAt().plus(LIFETIME);

        assertThat(schedule.publishedAt(lastExpiry.minusMillis(1))).containsExactly(first, second);
        assertThat(schedule.publishedAt(lastExpiry)).containsExactly(second);
        assertThat(schedule.removableAt(lastExpiry)).containsExactly(first);
    }

    @Test
    void aRotationIsDueWhenTheSigningKeyIsOldAndNoSuccessorIsComing() {
        Duration period = Duration.ofDays(30);

        assertThat(new SigningKeySchedule(List.of(), LIFETIME).needsRotationAt(T0, period)).isTrue();
        assertThat(new SigningKeySchedule(List.of(first), LIFETIME).needsRotationAt(T0.plus(period).minusMillis(1),
                period)).isFalse();
        assertThat(new SigningKeySchedule(List.of(first), LIFETIME).needsRotationAt(T0.plus(period), period))
                .isTrue();
        assertThat(schedule.needsRotationAt(second.activatesAt().minusMillis(1), period))
                .as("a successor is on its way").isFalse();
    }

    /** Whatever the rotations, every token a key signed verifies until it expires. */
    @Property
    void everySignedTokenFindsItsKeyUntilItExpires(@ForAll @Size(min = 1, max = 6) List<@IntRange(min = 1,
            max = 600) Integer> gapsInMinutes, @ForAll @IntRange(min = 0, max = 3000) int signedAtMinute) {
        List<Version> keys = new ArrayList<>();
        Instant activation = T0;
        for (int i = 0; i < gapsInMinutes.size(); i++) {
            keys.add(new Version("k" + i, activation));
            activation = activation.plus(Duration.ofMinutes(gapsInMinutes.get(i)));
        }
        SigningKeySchedule rotations = new SigningKeySchedule(keys, LIFETIME);
        Instant signedAt = T0.plus(Duration.ofMinutes(signedAtMinute));
        Version signer = rotations.signingAt(signedAt).orElseThrow();

        for (Instant check = signedAt; check.isBefore(signedAt.plus(LIFETIME)); check = check.plusSeconds(30)) {
            assertThat(rotations.publishedAt(check)).contains(signer);
        }
    }
}
