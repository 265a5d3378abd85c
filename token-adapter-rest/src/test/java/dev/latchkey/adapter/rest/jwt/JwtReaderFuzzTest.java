package dev.latchkey.adapter.rest.jwt;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/** The JWT reader: any presented string is verified or refused, never thrown on. */
class JwtReaderFuzzTest {

    private final JwtAccessTokens tokens = new JwtAccessTokens(
            purpose -> "a server key of thirty-two bytes".getBytes(StandardCharsets.US_ASCII),
            "https://latchkey.test", null, null);

    @FuzzTest(maxDuration = "60s")
    void anyStringIsVerifiedOrRefused(FuzzedDataProvider data) {
        tokens.verify(data.consumeRemainingAsString());
    }
}
