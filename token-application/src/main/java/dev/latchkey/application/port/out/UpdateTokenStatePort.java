package dev.latchkey.application.port.out;

import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.GrantId;
import dev.latchkey.domain.TokenDescription;
import dev.latchkey.domain.Revocation;
import dev.latchkey.domain.TokenId;
import java.time.Instant;

/**
 * Writes the facts that change after issue. Each is a targeted, conditional write rather than a whole-token save, so
 * that concurrent writers cannot undo each other: a use never moves {@code lastUsedAt} backwards and never clears a
 * revocation, and a revocation is recorded at most once.
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
     * Records a revocation effective at its instant (which may lie ahead, for a scheduled one), unless one already
     * takes effect at or before it.
     */
    RevocationWrite recordRevocation(TokenId id, Revocation revocation);

    /** Revokes the owner's personal tokens with this description that are not revoked yet; returns how many. */
    int supersede(AccountId owner, TokenDescription description, Revocation revocation);

    /** Revokes every token of a grant that is not revoked by then; returns how many were. */
    int revokeGrant(GrantId grant, Revocation revocation);

    /** Revokes every token issued to a client that is not revoked by then; returns how many were. */
    int revokeClient(ClientId client, Revocation revocation);

    /** Spends a refresh token. Of concurrent exchanges of one token, exactly one is {@code CONSUMED}. */
    ConsumptionWrite recordConsumption(TokenId id, Instant consumedAt);

    enum ConsumptionWrite {
        CONSUMED,
        NOT_CONSUMABLE
    }

    enum RevocationWrite {
        RECORDED,
        ALREADY_REVOKED
    }
}
