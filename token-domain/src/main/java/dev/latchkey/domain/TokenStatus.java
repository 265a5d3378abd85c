package dev.latchkey.domain;

import java.time.Instant;
import java.util.Objects;

/** A token's status at a given instant: derived from its stored facts and a clock, never stored itself. */
public sealed interface TokenStatus
        permits TokenStatus.Active, TokenStatus.Expired, TokenStatus.Revoked, TokenStatus.Consumed {

    /** Usable now. */
    record Active() implements TokenStatus {
    }

    /** Past its expiry since the given instant. */
    record Expired(Instant since) implements TokenStatus {
        public Expired {
            Objects.requireNonNull(since, "since");
        }
    }

    /** A refresh token that has been exchanged, and so cannot be exchanged again. */
    record Consumed(Instant at) implements TokenStatus {
        public Consumed {
            Objects.requireNonNull(at, "at");
        }
    }

    /** Revoked, with when and why. */
    record Revoked(Revocation revocation) implements TokenStatus {
        public Revoked {
            Objects.requireNonNull(revocation, "revocation");
        }
    }
}
