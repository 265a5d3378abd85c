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
     * Whether another revocation with an earlier effective time replaces this one. Only a rotation's scheduled
     * revocation does: it marks the end of an overlap, which an explicit revocation may cut short. Any other
     * revocation is final from the moment it is recorded, so two concurrent ones do not both count.
     */
    public boolean yieldsTo(Revocation other) {
        return reason == RevocationReason.ROTATED && other.at().isBefore(at);
    }
}
