package dev.latchkey.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.domain.TokenId;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UseWriteCoalescerTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final UseWriteCoalescer coalescer = new UseWriteCoalescer(Duration.ofSeconds(1), 2);
    private final TokenId token = new TokenId(UUID.randomUUID());

    @Test
    void theFirstUseIsWrittenAndThenOnePerInterval() {
        assertThat(coalescer.shouldWrite(token, T0)).isTrue();
        assertThat(coalescer.shouldWrite(token, T0.plusMillis(999))).isFalse();
        assertThat(coalescer.shouldWrite(token, T0.plusMillis(1000))).isTrue();
        assertThat(coalescer.shouldWrite(token, T0.plusMillis(1500))).isFalse();
    }

    @Test
    void tokensAreCoalescedSeparately() {
        coalescer.shouldWrite(token, T0);

        assertThat(coalescer.shouldWrite(new TokenId(UUID.randomUUID()), T0)).isTrue();
    }

    @Test
    void aForgottenTokenIsWrittenAgain() {
        coalescer.shouldWrite(token, T0);
        coalescer.forget(token);

        assertThat(coalescer.shouldWrite(token, T0.plusMillis(1))).isTrue();
    }

    @Test
    void aZeroIntervalWritesEveryUse() {
        UseWriteCoalescer always = new UseWriteCoalescer(Duration.ZERO, 10);

        assertThat(always.shouldWrite(token, T0)).isTrue();
        assertThat(always.shouldWrite(token, T0)).isTrue();
    }

    @Test
    void trackingIsBounded() {
        for (int i = 0; i < 5; i++) {
            coalescer.shouldWrite(new TokenId(UUID.randomUUID()), T0);
        }

        assertThat(coalescer.shouldWrite(token, T0)).as("forgotten when the map was cleared").isTrue();
    }
}
