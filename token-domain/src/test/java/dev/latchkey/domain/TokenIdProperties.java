package dev.latchkey.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class TokenIdProperties {

    /** 3000-01-01T00:00:00Z. */
    private static final long YEAR_3000 = 32_503_680_000_000L;

    /**
     * Ids of tokens issued in a later millisecond sort after earlier ones in the order both stores compare UUIDs
     * (PostgreSQL and H2 compare their 16 bytes unsigned), whatever the random bytes: primary-key inserts append.
     */
    @Property
    void aLaterMillisecondSortsAfterAnEarlierOne(@ForAll @LongRange(min = 0, max = YEAR_3000) long earlier,
                                                 @ForAll @LongRange(min = 1, max = 86_400_000) long later,
                                                 @ForAll @Size(10) byte[] first, @ForAll @Size(10) byte[] second) {
        TokenId before = TokenId.timeOrdered(Instant.ofEpochMilli(earlier), first);
        TokenId after = TokenId.timeOrdered(Instant.ofEpochMilli(earlier + later), second);

        assertThat(compareUnsigned(bytes(before), bytes(after))).isNegative();
    }

    /** Each id keeps the millisecond, the version and variant bits, and 74 of its random bits, untouched. */
    @Property
    void anIdKeepsItsMillisecondAndItsRandomBits(@ForAll @LongRange(min = 0, max = YEAR_3000) long millis,
                                                 @ForAll @Size(10) byte[] random) {
        TokenId id = TokenId.timeOrdered(Instant.ofEpochMilli(millis), random);
        ByteBuffer drawn = ByteBuffer.wrap(random);
        long randA = drawn.getShort() & 0x0fffL;
        long randB = drawn.getLong() & 0x3fffffffffffffffL;

        assertThat(id.value().version()).isEqualTo(7);
        assertThat(id.value().variant()).isEqualTo(2);
        assertThat(id.value().getMostSignificantBits() >>> 16).isEqualTo(millis);
        assertThat(id.value().getMostSignificantBits() & 0x0fffL).isEqualTo(randA);
        assertThat(id.value().getLeastSignificantBits() & 0x3fffffffffffffffL).isEqualTo(randB);
        assertThat(TokenId.parse(id.toString())).contains(id);
    }

    private static byte[] bytes(TokenId id) {
        return ByteBuffer.allocate(16).putLong(id.value().getMostSignificantBits())
                .putLong(id.value().getLeastSignificantBits()).array();
    }

    private static int compareUnsigned(byte[] left, byte[] right) {
        return java.util.Arrays.compareUnsigned(left, right);
    }
}
