package dev.latchkey.adapter.rest.dialect.trifacta;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** Trifacta's base64-JSON token value: anything presented is unwrapped or left alone, never thrown on. */
class TrifactaTokenValueFuzzTest {

    private final TrifactaTokenValue values = new TrifactaTokenValue(null);

    @FuzzTest(maxDuration = "60s")
    void anyPresentedValueIsUnwrappedOrLeftAlone(FuzzedDataProvider data) {
        values.unwrap(data.consumeRemainingAsString()).ifPresent(secret -> assertThat(secret).isNotNull());
    }
}
