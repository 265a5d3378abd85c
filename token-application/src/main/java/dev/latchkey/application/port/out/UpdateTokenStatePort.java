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

    /**
     * Records a use, unless the token has been revoked, as the store sees it now. This write is the authority on
     * revocation: a token read from a cache, or read just before a revocation committed, is refused here.
     */
    UseWrite recordUse(TokenId id, Instant usedAt);

    RevocationWrite recordRevocation(TokenId id, Revocation revocation);

    enum UseWrite {
        RECORDED,
        TOKEN_REVOKED
    }

    enum RevocationWrite {
        RECORDED,
        ALREADY_REVOKED
    }
}
