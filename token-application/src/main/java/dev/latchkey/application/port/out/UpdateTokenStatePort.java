package dev.latchkey.application.port.out;

import dev.latchkey.domain.Revocation;
import dev.latchkey.domain.TokenId;
import java.time.Instant;
import java.util.Optional;

/**
 * Writes the facts that change after issue. Each is a targeted, conditional write rather than a whole-token save, so
 * that concurrent writers cannot undo each other: a use never moves {@code lastUsedAt} backwards and never clears a
 * revocation, and a revocation is written only over the one the caller read.
 *
 * <p>A write that ends a token's validity returns only once no node will treat the token as valid any more, so that
 * the caller's next request, wherever it lands, sees the change.
 */
public interface UpdateTokenStatePort {

    /**
     * Records a use of a token the caller found valid. It decides nothing, so an adapter may gather uses and store
     * them later, in batches; a crash may lose the last few, never more than the adapter documents.
     */
    void recordUse(TokenId id, Instant usedAt);

    /**
     * Records the revocation the domain decided on, provided the token's recorded revocation is still
     * {@code replacing} (empty: none), as the caller read it. The store applies no precedence rule of its own, so that
     * the rule lives in {@code Revocation.yieldsTo} alone; it only refuses to write over a change it has not seen.
     */
    RevocationWrite recordRevocation(TokenId id, Optional<Revocation> replacing, Revocation revocation);

    /** Spends a refresh token. Of concurrent exchanges of one token, exactly one is {@code CONSUMED}. */
    ConsumptionWrite recordConsumption(TokenId id, Instant consumedAt);

    /** Whether a refresh token's one exchange was recorded, or the token was already spent, revoked or expired. */
    enum ConsumptionWrite {
        CONSUMED,
        NOT_CONSUMABLE
    }

    /** What a conditional revocation write came to. */
    sealed interface RevocationWrite {
        /** The revocation is stored. */
        record Recorded() implements RevocationWrite {
        }

        /** The token's revocation is no longer what the caller read; here is what it is now. */
        record ChangedMeanwhile(Optional<Revocation> current) implements RevocationWrite {
        }
    }
}
