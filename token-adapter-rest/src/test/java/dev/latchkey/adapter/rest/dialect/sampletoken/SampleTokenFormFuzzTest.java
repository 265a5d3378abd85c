package dev.latchkey.adapter.rest.dialect.sampletoken;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** The Sample Token API's body, a form or a JSON object: read, or refused with a reason that quotes no value. */
class SampleTokenFormFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void anyBodyIsReadOrRefused(FuzzedDataProvider data) {
        String body = data.consumeRemainingAsString();
        try {
            assertThat(SampleTokenController.fields(body).keySet())
                    .allMatch(name -> name.equals("grant_type") || name.equals("username") || name.equals("password"));
        } catch (SampleTokenController.UnreadableRequest refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }
}
