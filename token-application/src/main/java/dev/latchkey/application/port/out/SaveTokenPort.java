package dev.latchkey.application.port.out;

import dev.latchkey.domain.AuditEvent;
import dev.latchkey.domain.Token;

/** Where newly issued tokens are stored. Their state changes afterwards go through {@link UpdateTokenStatePort}. */
public interface SaveTokenPort {

    /**
     * Stores a newly issued token together with the audit entry of its issue, as one write: when this returns, both
     * are durable, and neither is without the other.
     */
    void saveNew(Token token, AuditEvent issued);
}
