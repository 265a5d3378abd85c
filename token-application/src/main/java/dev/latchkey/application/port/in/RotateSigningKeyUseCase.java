package dev.latchkey.application.port.in;

import dev.latchkey.application.port.out.SigningKeyRingPort;
import java.util.Optional;

/**
 * Rotates the key that signs JWT access tokens: at an administrator's request, or when the schedule says one is due.
 * Either way the audit trail records it, so that a security team can tell which key signed what, and who made it.
 */
public interface RotateSigningKeyUseCase {

    Outcome rotate(Caller administrator);

    /** What the schedule asks for: a successor when one is due, made by the service itself; empty otherwise. */
    Optional<SigningKeyRingPort.MadeKey> rotateIfDue();

    /** A key made, or why none was. */
    sealed interface Outcome {
        /** The successor, published now and signing from its activation. */
        record Rotated(SigningKeyRingPort.MadeKey key) implements Outcome {
        }


        /** Access tokens are not signed with key pairs here (opaque, or HS256). */
        record NotInUse() implements Outcome {
        }
    }
}
