package dev.latchkey.application.port.out;

import dev.latchkey.domain.ProofUse;

/**
 * Makes each proof of possession single-use on every node (ADR 19): a DPoP proof within its {@code iat} window, a
 * client assertion until its {@code exp}. Asked last, after every check that needs no store has passed, so that a
 * proof that fails one is never recorded.
 */
public interface ProofReplayPort {

    /**
     * Records the use; true when it is the first, false when the same use (kind, party, {@code jti}) was recorded
     * before on any node and has not yet expired.
     */
    boolean firstUse(ProofUse use);
}
