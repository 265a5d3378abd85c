package dev.latchkey.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * An OAuth client after a transition, and what it changed: nothing when the client already was so. The change says
 * what the audit trail records; what follows from it (the client's tokens revoked, its service account disabled) is
 * the use case's to do.
 */
public record ClientUpdate(OAuthClient client, Optional<Change> change) {

    public ClientUpdate {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(change, "change");
    }

    /** A client can be turned off and on; off, it gets no token and the tokens it holds are revoked. */
    public enum Change {
        DISABLED(false), ENABLED(true);

        private final boolean enabled;

        Change(boolean enabled) {
            this.enabled = enabled;
        }

        public boolean enabled() {
            return enabled;
        }
    }

    /** The audit trail's detail: {@code client=<id> enabled=false}. */
    public String auditDetail() {
        return "client=" + client.id().value() + change.map(made -> " enabled=" + made.enabled()).orElse("");
    }
}
