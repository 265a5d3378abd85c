package dev.latchkey.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A client's secret from before its latest rotation, still accepted until {@code until}: the client's deployments
 * move to the new secret one by one instead of all at the same instant.
 */
public record RetiringSecret(SecretHash hash, Instant until) {

    public RetiringSecret {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(until, "until");
    }

    public boolean acceptsAt(Instant now) {
        return now.isBefore(until);
    }

    @Override
    public String toString() {
        return "RetiringSecret[until=" + until + "]";
    }
}
