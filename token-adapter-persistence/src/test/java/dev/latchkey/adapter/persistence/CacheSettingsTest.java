package dev.latchkey.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CacheSettingsTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void byDefaultTheCachesHoldWhatFitsInAQuarterOfTheHeap() {
        assertThat(CacheSettings.entriesFittingHeap(128 * MIB)).isEqualTo(27_962);
        assertThat(CacheSettings.entriesFittingHeap(256 * MIB)).isEqualTo(55_924);
        // A full cache of the largest default takes a quarter of a heap of about 458 MB.
        assertThat(CacheSettings.entriesFittingHeap(512 * MIB)).isEqualTo(100_000);
        assertThat(CacheSettings.entriesFittingHeap(Long.MAX_VALUE)).isEqualTo(100_000);
        assertThat(CacheSettings.entriesFittingHeap(1 * MIB)).isEqualTo(1_000);
    }

    @Test
    void theDefaultFollowsThisJvmsHeapAndASettingWins() {
        CacheSettingsFactory factory = new CacheSettingsFactory();
        Duration lease = Duration.ofMillis(100);
        Duration flush = Duration.ofSeconds(1);
        Duration retention = Duration.ofHours(1);

        assertThat(factory.cacheSettings(lease, -1, flush, retention).maximumEntries())
                .isEqualTo(CacheSettings.entriesFittingHeap(Runtime.getRuntime().maxMemory()));
        assertThat(factory.cacheSettings(lease, 250_000, flush, retention).maximumEntries()).isEqualTo(250_000);
        assertThat(factory.cacheSettings(lease, 0, flush, retention).maximumEntries()).isZero();
    }
}
