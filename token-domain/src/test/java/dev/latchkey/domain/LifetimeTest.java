package dev.latchkey.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LifetimeTest {

    private static final Instant ISSUED_AT = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void minusOneSecondsMeansNever() {
        assertThat(Lifetime.fromSeconds(-1)).isEqualTo(Lifetime.never());
    }

    @Test
    void nonExpiringTokenNeverExpires() {
        Expiry expiry = Lifetime.never().expiryFrom(ISSUED_AT);

        assertThat(expiry.isReachedAt(Instant.MAX)).isFalse();
        assertThat(expiry.instant()).isEmpty();
    }

    @Test
    void positiveSecondsExpireThatLongAfterIssue() {
        Expiry expiry = Lifetime.fromSeconds(100).expiryFrom(ISSUED_AT);

        assertThat(expiry.instant()).contains(ISSUED_AT.plusSeconds(100));
        assertThat(expiry.isReachedAt(ISSUED_AT.plusSeconds(99))).isFalse();
        assertThat(expiry.isReachedAt(ISSUED_AT.plusSeconds(100))).isTrue();
    }

    @Test
    void zeroSecondsIsRejectedWithAReason() {
        assertThatThrownBy(() -> Lifetime.fromSeconds(0))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("lifetimeSeconds")
                .hasMessageContaining("-1");
    }

    @Test
    void minusTwoSecondsIsRejected() {
        assertThatThrownBy(() -> Lifetime.fromSeconds(-2)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void longMaxValueSecondsIsRejectedRatherThanWrappingAround() {
        assertThatThrownBy(() -> Lifetime.fromSeconds(Long.MAX_VALUE))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("at most");
    }

    @Test
    void longMinValueSecondsIsRejected() {
        assertThatThrownBy(() -> Lifetime.fromSeconds(Long.MIN_VALUE)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void theLongestFiniteLifetimeIsAccepted() {
        Lifetime longest = Lifetime.fromSeconds(Lifetime.LONGEST_FINITE.getSeconds());

        assertThat(longest.toSeconds()).isEqualTo(Lifetime.LONGEST_FINITE.getSeconds());
    }

    @Test
    void durationsMustBePositive() {
        assertThatThrownBy(() -> Lifetime.of(Duration.ZERO)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> Lifetime.of(Duration.ofSeconds(-5))).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void neverRoundTripsThroughTheWireForm() {
        assertThat(Lifetime.never().toSeconds()).isEqualTo(-1);
    }
}
