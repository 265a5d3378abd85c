package dev.latchkey.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.math.BigDecimal;
import java.util.List;

/** The one JSON reader of every body: any input is either read or refused with {@link StrictJson.MalformedJson}. */
class StrictJsonFuzzTest {

    record Body(String description, BigDecimal lifetimeSeconds, List<String> scopes, Boolean enabled, Long id) {
    }

    @FuzzTest(maxDuration = "60s")
    void anyBodyIsReadOrRefusedByName(FuzzedDataProvider data) {
        String body = data.consumeRemainingAsString();
        try {
            assertThat(StrictJson.read(body, Body.class)).isNotNull();
        } catch (StrictJson.MalformedJson refused) {
            assertThat(refused.describe()).doesNotContain("java.", "Exception");
        }
    }
}
