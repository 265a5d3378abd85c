package dev.latchkey.adapter.rest.form;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** The OAuth endpoints' form bodies: parsed or refused as malformed, never thrown on. */
class FormParametersFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void anyBodyIsParsedOrRefused(FuzzedDataProvider data) {
        FormParameters.parse(data.consumeRemainingAsString());
    }
}
