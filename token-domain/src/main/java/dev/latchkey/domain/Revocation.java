package dev.latchkey.domain;

import java.time.Instant;
import java.util.Objects;

/** When and why a token was revoked. Once recorded, it never changes. */
public record Revocation(Instant at, RevocationReason reason) {

    public Revocation {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * Whether another revocation with an earlier effective time replaces this one. Only a scheduled revocation (a
     * rotation's, or one passed to a rotated token's delegates) does: it marks the end of an overlap, which an explicit revocation may cut short. Any other
     * revocation is final from the moment it is recorded, so two concurrent ones do not both count.
     */
    public boolean yieldsTo(Revocation other) {
        return reason.isScheduled() && other.at().isBefore(at);
    }

    /**
     * The revocation this one passes down to its token's delegates: at the same moment, scheduled where this one is,
     * so that a delegate never outlives its delegator and is cut short with it.
     */
    public Revocation passedToDelegates() {
        return new Revocation(at, reason.isScheduled() ? RevocationReason.DELEGATOR_ROTATED
                : RevocationReason.DELEGATOR_REVOKED);
    }
}
