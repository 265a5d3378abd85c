package dev.latchkey.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The hand-written timestamps are exactly what the pattern writes, at every instant. */
class TimestampsTest {

    private static final DateTimeFormatter PATTERN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Property(tries = 5000)
    void anyInstantIsWrittenAsThePatternWritesIt(
            @ForAll @LongRange(min = -100_000_000_000L, max = 400_000_000_000L) long second,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nano) {
        Instant instant = Instant.ofEpochSecond(second, nano);
        assertThat(Timestamps.isoMillis(instant)).isEqualTo(PATTERN.format(instant));
    }

    @Test
    void theEdgesOfTheFourDigitYearsAndOfTheMillisecondAreWrittenAsThePatternWritesThem() {
        for (Instant instant : new Instant[] {Instant.parse("0001-01-01T00:00:00Z"),
                Instant.parse("0000-12-31T23:59:59.999999999Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.EPOCH, Instant.ofEpochSecond(-1, 999_999_999),
                Instant.parse("2024-02-29T12:00:00.0009Z"), Instant.parse("-0001-06-01T00:00:00Z")}) {
            assertThat(Timestamps.isoMillis(instant)).as("%s", instant).isEqualTo(PATTERN.format(instant));
        }
        assertThat(Timestamps.isoMillis(Instant.parse("2019-01-16T00:06:41.743Z")))
                .isEqualTo("2019-01-16T00:06:41.743Z");
        assertThat(Timestamps.isoMillis(null)).isNull();
    }
}
