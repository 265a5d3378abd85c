package dev.latchkey.application.port.in;

/**
 * Records that a proof of possession which held was used (ADR 19), for an endpoint that has no token to compare it
 * with: the token endpoint, where the proof's key is what the new tokens are bound to.
 */
public interface SingleUseProofsUseCase {

    /** True the first time this proof is presented, on any node; false after. */
    boolean firstUse(AuthenticateUseCase.Possession proof);
}
