package dev.latchkey.application.port.out;

import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.Token;
import java.util.OptionalInt;

/** Where newly issued tokens are stored. Their state changes afterwards go through {@link UpdateTokenStatePort}. */
public interface SaveTokenPort {

    /**
     * Stores a newly issued token together with the audit entry of its issue, as one write: when this returns
     * {@link SaveOutcome#SAVED}, both are durable, and neither is without the other.
     *
     * <p>Two conditions are facts about the store at the moment of the write, not at the moment the token was
     * decided on, so the store checks them atomically with the write, holding on every node that writes to it:
     * <ul>
     *   <li>a delegate's {@linkplain Token#delegator() delegator} must still be active, and must not end before
     *   the delegate: otherwise a delegator revoked or rotated meanwhile would miss this delegate in its cascade;</li>
     *   <li>with {@code activePersonalLimit}, the owner must hold fewer active personal tokens than the limit,
     *   counted as of the token's creation, overlapping predecessors of rotated tokens included.</li>
     * </ul>
     */
    SaveOutcome saveNew(Token token, AuditEvent issued, OptionalInt activePersonalLimit);

    /** Stores a token bound by no count of active tokens. */
    default SaveOutcome saveNew(Token token, AuditEvent issued) {
        return saveNew(token, issued, OptionalInt.empty());
    }

    /** What storing a new token came to; nothing is written unless {@link #SAVED}. */
    enum SaveOutcome {
        SAVED,
        /** The delegator was revoked, rotated or expired since the token was decided on. */
        DELEGATOR_ENDED,
        /** The owner already holds as many active personal tokens as the limit allows. */
        ACTIVE_LIMIT_REACHED
    }
}
