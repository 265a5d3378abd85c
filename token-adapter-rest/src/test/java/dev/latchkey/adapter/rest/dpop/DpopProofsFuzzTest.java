package dev.latchkey.adapter.rest.dpop;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.latchkey.adapter.rest.DerivationKeyForTests;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;

/** The DPoP proof check and its nonces: anything presented is checked or refused, never thrown on. */
class DpopProofsFuzzTest {

    private final DpopNonces nonces = DpopNonces.of(DerivationKeyForTests.hmac(), Clock.systemUTC(), false);
    private final DpopProofs proofs = new DpopProofs(Clock.systemUTC(), nonces);

    @FuzzTest(maxDuration = "60s")
    void anyProofIsCheckedOrRefused(FuzzedDataProvider data) {
        String method = data.consumeString(8);
        Optional<String> token = data.consumeBoolean() ? Optional.of(data.consumeString(64)) : Optional.empty();
        proofs.check(data.consumeRemainingAsString(), method, URI.create("https://latchkey.example/api/v1/tokens/self"),
                token);
    }

    @FuzzTest(maxDuration = "20s")
    void anyNonceIsAcceptedOnlyIfIssued(FuzzedDataProvider data) {
        String presented = data.consumeRemainingAsString();
        if (nonces.accepts(presented) && !presented.equals(nonces.current())) {
            throw new AssertionError("a nonce this service did not issue was accepted: " + presented);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void anyHtuIsComparedOrRefused(FuzzedDataProvider data) {
        DpopProofs.sameTarget(data.consumeRemainingAsString(), URI.create("https://latchkey.example/oauth2/token"));
    }
}
