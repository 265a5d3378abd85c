package dev.latchkey.adapter.rest.dialect.mastersindia;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** Masters India's JSON bodies: either both fields as strings, or the platform's own refusal; never an exception. */
class MastersIndiaBodyFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void anyBodyIsReadOrRefused(FuzzedDataProvider data) {
        MastersIndiaController.Fields fields = MastersIndiaController.parse(data.consumeRemainingAsString(),
                "username", "password");
        if (fields.refusal() == null) {
            assertThat(fields.values()).containsOnlyKeys("username", "password");
        } else {
            assertThat(fields.refusal().code()).isEqualTo(400);
        }
    }
}
