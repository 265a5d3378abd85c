package dev.latchkey.application.port.out;

import dev.latchkey.domain.Revocation;
import dev.latchkey.domain.TokenId;
import java.time.Instant;

/**
 * Writes the two facts that change after issue. Each is a targeted, conditional write rather than a whole-token
 * save, so that concurrent writers cannot undo each other: a use never moves {@code lastUsedAt} backwards and never
 * clears a revocation, and a revocation is recorded at most once.
 */
public interface UpdateTokenStatePort {

    void recordUse(TokenId id, Instant usedAt);

    RevocationWrite recordRevocation(TokenId id, Revocation revocation);

    enum RevocationWrite {
        RECORDED,
        ALREADY_REVOKED
    }
}
