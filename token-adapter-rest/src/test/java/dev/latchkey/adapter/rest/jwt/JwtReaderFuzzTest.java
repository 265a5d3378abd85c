package dev.latchkey.adapter.rest.jwt;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/** The JWT reader: any presented string is verified or refused, never thrown on. */
class JwtReaderFuzzTest {

    private static final SigningSettings HS256 = SigningFixtures.settings(com.nimbusds.jose.JWSAlgorithm.HS256);
    private final JwtAccessTokens tokens = new JwtAccessTokens(purpose -> "a server key of thirty-two bytes".getBytes(StandardCharsets.US_ASCII),
            SigningFixtures.started(HS256, new SigningFixtures.InMemoryStore(), java.time.Clock.systemUTC()), HS256,
            "https://latchkey.test", null, null);

    @FuzzTest(maxDuration = "60s")
    void anyStringIsVerifiedOrRefused(FuzzedDataProvider data) {
        tokens.verify(data.consumeRemainingAsString());
    }
}
