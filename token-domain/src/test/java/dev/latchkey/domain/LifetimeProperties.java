package dev.latchkey.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class LifetimeProperties {

    private static final long LONGEST = Lifetime.LONGEST_FINITE.getSeconds();

    @Property
    void everyAcceptedFiniteLifetimeExpiresStrictlyAfterIssue(
            @ForAll @LongRange(min = 1, max = 36_525L * 86_400) long seconds,
            @ForAll @LongRange(min = 0, max = 4_102_444_800L) long issuedAtEpochSecond) {
        Instant issuedAt = Instant.ofEpochSecond(issuedAtEpochSecond);

        Expiry expiry = Lifetime.fromSeconds(seconds).expiryFrom(issuedAt);

        assertThat(expiry.instant()).hasValueSatisfying(at -> assertThat(at).isAfter(issuedAt));
        assertThat(expiry.instant()).contains(issuedAt.plusSeconds(seconds));
    }

    @Property
    void anyLongEitherRoundTripsOrIsRejected(@ForAll long seconds) {
        boolean valid = seconds == -1 || (seconds >= 1 && seconds <= LONGEST);
        if (valid) {
            assertThat(Lifetime.fromSeconds(seconds).toSeconds()).isEqualTo(seconds);
        } else {
            assertThatThrownBy(() -> Lifetime.fromSeconds(seconds)).isInstanceOf(InvalidValueException.class);
        }
    }

    @Property
    void lifetimesBeyondTheLongestAreRejected(@ForAll @LongRange(min = 36_525L * 86_400 + 1) long seconds) {
        assertThatThrownBy(() -> Lifetime.fromSeconds(seconds)).isInstanceOf(InvalidValueException.class);
    }
}
