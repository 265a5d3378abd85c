package dev.latchkey.adapter.rest.dialect.mastersindia;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** Masters India's JSON bodies: either both fields as strings, or the platform's own refusal; never an exception. */
class MastersIndiaBodyFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void anyBodyIsReadOrRefused(FuzzedDataProvider data) {
        MastersIndiaController.Parsed<MastersIndiaController.Login> parsed =
                MastersIndiaController.parse(data.consumeRemainingAsString(), MastersIndiaController.Login.class);
        if (parsed.refusal() == null) {
            assertThat(parsed.body().username()).isNotEmpty();
            assertThat(parsed.body().password()).isNotEmpty();
        } else {
            assertThat(parsed.refusal().code()).isEqualTo(400);
        }
    }
}
