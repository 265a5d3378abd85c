package dev.latchkey.adapter.rest.dpop;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;

/** The DPoP proof check: any presented header, method and token is checked or refused, never thrown on. */
class DpopProofsFuzzTest {

    private final DpopProofs proofs = new DpopProofs(Clock.systemUTC());

    @FuzzTest(maxDuration = "60s")
    void anyProofIsCheckedOrRefused(FuzzedDataProvider data) {
        String method = data.consumeString(8);
        Optional<String> token = data.consumeBoolean() ? Optional.of(data.consumeString(64)) : Optional.empty();
        proofs.check(data.consumeRemainingAsString(), method, URI.create("https://latchkey.example/api/v1/tokens/self"),
                token);
    }

    @FuzzTest(maxDuration = "30s")
    void anyHtuIsComparedOrRefused(FuzzedDataProvider data) {
        DpopProofs.sameTarget(data.consumeRemainingAsString(), URI.create("https://latchkey.example/oauth2/token"));
    }
}
