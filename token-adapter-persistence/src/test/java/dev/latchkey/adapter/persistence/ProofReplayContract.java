package dev.latchkey.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.application.port.out.ProofReplayPort;
import dev.latchkey.domain.ProofUse;
import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each proof of possession is used once, on whichever node, however many present it at once (ADR 19). */
abstract class ProofReplayContract extends StoreContract {

    private ProofReplayPort replay;

    @BeforeAll
    void port() {
        replay = context.getBean(ProofReplayPort.class);
    }

    private static ProofUse use(ProofUse.Kind kind, String party, String jti) {
        return new ProofUse(kind, party, jti, Instant.now().plus(Duration.ofMinutes(2)));
    }

    private static String unique() {
        return UUID.randomUUID().toString();
    }

    @Test
    void aProofIsUsedOnceAndAnotherPartysSameJtiIsAnotherProof() {
        String jti = unique();

        assertThat(replay.firstUse(use(ProofUse.Kind.DPOP_PROOF, "thumbprint-a", jti))).isTrue();
        assertThat(replay.firstUse(use(ProofUse.Kind.DPOP_PROOF, "thumbprint-a", jti))).isFalse();
        assertThat(replay.firstUse(use(ProofUse.Kind.DPOP_PROOF, "thumbprint-b", jti))).isTrue();
        assertThat(replay.firstUse(use(ProofUse.Kind.CLIENT_ASSERTION, "thumbprint-a", jti))).isTrue();
    }

    @Test
    void aProofUsedOnOneNodeIsRefusedOnAnother() {
        String jti = unique();
        assertThat(replay.firstUse(use(ProofUse.Kind.DPOP_PROOF, "thumbprint", jti))).isTrue();

        try (ApplicationContext other = startContext(properties)) {
            ProofReplayPort otherNode = other.getBean(ProofReplayPort.class);
            assertThat(otherNode.firstUse(use(ProofUse.Kind.DPOP_PROOF, "thumbprint", jti))).isFalse();
            String fresh = unique();
            assertThat(otherNode.firstUse(use(ProofUse.Kind.DPOP_PROOF, "thumbprint", fresh))).isTrue();
            assertThat(replay.firstUse(use(ProofUse.Kind.DPOP_PROOF, "thumbprint", fresh))).isFalse();
        }
    }

    @Test
    void ofManyPresentingOneProofAtOnceOnTwoNodesExactlyOneIsFirst() throws Exception {
        try (ApplicationContext other = startContext(properties)) {
            List<ProofReplayPort> nodes = List.of(replay, other.getBean(ProofReplayPort.class));
            ExecutorService callers = Executors.newFixedThreadPool(16);
            try {
                for (int round = 0; round < 20; round++) {
                    ProofUse contested = use(ProofUse.Kind.DPOP_PROOF, "thumbprint", unique());
                    CyclicBarrier start = new CyclicBarrier(16);
                    List<Future<Boolean>> attempts = new ArrayList<>();
                    for (int caller = 0; caller < 16; caller++) {
                        ProofReplayPort node = nodes.get(caller % 2);
                        // Distinct proofs in the same batches, as the hot path would have them.
                        ProofUse own = use(ProofUse.Kind.DPOP_PROOF, "thumbprint", unique());
                        Callable<Boolean> attempt = () -> {
                            awaitBarrier(start);
                            assertThat(node.firstUse(own)).isTrue();
                            return node.firstUse(contested);
                        };
                        attempts.add(callers.submit(attempt));
                    }
                    long firsts = 0;
                    for (Future<Boolean> attempt : attempts) {
                        firsts += attempt.get() ? 1 : 0;
                    }
                    assertThat(firsts).as("round %d", round).isEqualTo(1);
                }
            } finally {
                callers.shutdownNow();
            }
        }
    }

    @Test
    void theKeysOfProofsThatCanNoLongerBePresentedAreSwept() {
        ProofUse expired = new ProofUse(ProofUse.Kind.CLIENT_ASSERTION, "client", unique(),
                Instant.now().minusSeconds(1));
        assertThat(replay.firstUse(expired)).isTrue();

        assertThat(context.getBean(ProofReplayAdapter.class).sweep()).isGreaterThanOrEqualTo(1);

        assertThat(replay.firstUse(expired)).as("its window is over: nobody can present it, and it is not kept")
                .isTrue();
    }
}
