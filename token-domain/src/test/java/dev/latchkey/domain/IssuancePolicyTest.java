package dev.latchkey.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IssuancePolicyTest {

    private final IssuancePolicy policy =
            new IssuancePolicy(Lifetime.of(Duration.ofDays(30)), Duration.ofDays(365), true);

    @Test
    void grantsALifetimeWithinTheMaximum() {
        assertThat(policy.decide(Lifetime.fromSeconds(3600)))
                .isEqualTo(new IssuancePolicy.Decision.Granted(Lifetime.fromSeconds(3600)));
    }

    @Test
    void grantsExactlyTheMaximum() {
        assertThat(policy.decide(Lifetime.of(Duration.ofDays(365)))).isInstanceOf(IssuancePolicy.Decision.Granted.class);
    }

    @Test
    void refusesALifetimeAboveTheMaximumWithAReason() {
        IssuancePolicy.Decision decision = policy.decide(Lifetime.of(Duration.ofDays(366)));

        assertThat(decision).isInstanceOfSatisfying(IssuancePolicy.Decision.Refused.class,
                refused -> assertThat(refused.reason()).contains(String.valueOf(Duration.ofDays(365).getSeconds())));
    }

    @Test
    void refusesNeverExpiringTokensWhenTheyAreNotAllowed() {
        IssuancePolicy strict = new IssuancePolicy(Lifetime.of(Duration.ofDays(1)), Duration.ofDays(7), false);

        assertThat(strict.decide(Lifetime.never())).isInstanceOf(IssuancePolicy.Decision.Refused.class);
        assertThat(policy.decide(Lifetime.never())).isInstanceOf(IssuancePolicy.Decision.Granted.class);
    }

    @Test
    void theDefaultMustItselfBeGrantable() {
        assertThatThrownBy(() -> new IssuancePolicy(Lifetime.of(Duration.ofDays(10)), Duration.ofDays(5), true))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new IssuancePolicy(Lifetime.never(), Duration.ofDays(5), false))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void theMaximumMustBePositiveAndBounded() {
        assertThatThrownBy(() -> new IssuancePolicy(Lifetime.never(), Duration.ZERO, true))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new IssuancePolicy(Lifetime.never(), Lifetime.LONGEST_FINITE.plusSeconds(1), true))
                .isInstanceOf(InvalidValueException.class);
    }
}
