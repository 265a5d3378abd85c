package dev.latchkey.wire;

import dev.latchkey.domain.InvalidValueException;
import dev.latchkey.domain.Lifetime;
import java.math.BigDecimal;

/**
 * Reads a {@code lifetimeSeconds} JSON number exactly. The field is bound as a {@link BigDecimal} because a JSON
 * parser binding to {@code long} silently truncates {@code 1.5} to {@code 1} and may wrap huge values; here a
 * fraction or a number beyond any lifetime is an error the client hears about.
 */
public final class LifetimeSeconds {

    private LifetimeSeconds() {
    }

    public static Lifetime parse(String field, BigDecimal seconds) {
        BigDecimal whole = seconds.stripTrailingZeros();
        if (whole.scale() > 0) {
            throw new InvalidValueException(field, "must be a whole number of seconds");
        }
        if (whole.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0
                || whole.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0) {
            throw new InvalidValueException(field, "must be at most " + Lifetime.LONGEST_FINITE.getSeconds()
                    + " seconds, or -1 for never");
        }
        return Lifetime.fromSeconds(whole.longValueExact());
    }
}
