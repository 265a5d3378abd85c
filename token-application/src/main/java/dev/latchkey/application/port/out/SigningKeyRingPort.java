package dev.latchkey.application.port.out;

import java.time.Instant;
import java.util.Objects;

/**
 * The keys JWT access tokens are signed with, as the adapter that signs them keeps them: it knows the algorithm, makes
 * key pairs and publishes them. When a successor is made, and the record of it, is the core's.
 */
public interface SigningKeyRingPort {

    /** Whether access tokens are signed with key pairs here at all; without them there is nothing to rotate. */
    boolean inUse();

    /** Whether the signing key has signed for its rotation period, or there is no key yet. */
    boolean dueForRotation();

    /** Makes a successor now: published at once, signing after the publish-ahead (at once when it is the first). */
    MadeKey makeSuccessor();

    /** A key just made: its id, its algorithm, and when it starts to sign. */
    record MadeKey(String kid, String algorithm, Instant activatesAt) {
        public MadeKey {
            Objects.requireNonNull(kid, "kid");
            Objects.requireNonNull(algorithm, "algorithm");
            Objects.requireNonNull(activatesAt, "activatesAt");
        }
    }
}
