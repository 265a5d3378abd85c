package dev.latchkey.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The long arithmetic writes exactly the digits the BigInteger arithmetic writes, and refuses alike. */
class Base62Properties {

    @Property
    void aLongIsWrittenAsItsBigIntegerIs(@ForAll @LongRange(min = 0) long number,
                                         @ForAll @IntRange(min = 11, max = 16) int width) {
        assertThat(Base62.encode(number, width)).isEqualTo(Base62.encode(BigInteger.valueOf(number), width));
    }

    @Property
    void aChecksumIsWrittenAsItsBigIntegerIs(@ForAll @LongRange(min = 0, max = 0xFFFF_FFFFL) long crc) {
        assertThat(Base62.encode(crc, 6)).isEqualTo(Base62.encode(BigInteger.valueOf(crc), 6));
    }

    @Property
    void aNumberTooLongForItsWidthIsRefusedAlike(@ForAll @LongRange(min = 62L * 62 * 62) long number) {
        assertThatThrownBy(() -> Base62.encode(number, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Base62.encode(BigInteger.valueOf(number), 3))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void aNegativeNumberIsRefused(@ForAll @LongRange(min = Long.MIN_VALUE, max = -1) long number) {
        assertThatThrownBy(() -> Base62.encode(number, 12)).isInstanceOf(IllegalArgumentException.class);
    }
}
