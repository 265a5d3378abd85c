package dev.latchkey.domain;

import java.time.Instant;
import java.util.Objects;

/** When and why a token was revoked. Once recorded, it never changes. */
public record Revocation(Instant at, RevocationReason reason) {

    public Revocation {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
    }
}
