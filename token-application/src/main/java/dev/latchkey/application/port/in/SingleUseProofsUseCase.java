package dev.latchkey.application.port.in;

import dev.latchkey.domain.ClientId;
import java.time.Instant;

/**
 * Records that a proof of possession which held was used (ADR 19), where no token is there to compare it with: a DPoP
 * proof at the token endpoint, whose key the new tokens are bound to, and a client's signed assertion.
 */
public interface SingleUseProofsUseCase {

    /** True the first time this proof is presented, on any node; false after. */
    boolean firstUse(AuthenticateUseCase.Possession proof);

    /**
     * True the first time the client's assertion with this {@code jti} is presented, on any node, until
     * {@code usableUntil} (its {@code exp}); false after.
     */
    boolean firstUse(ClientId client, String jti, Instant usableUntil);
}
