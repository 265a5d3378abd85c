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

    /**
     * A client can be turned off and on (off, it gets no token and the tokens it holds are revoked), a
     * confidential one can be given a new secret, and how it sends people to sign in can change, as can its keys and
     * whether its tokens must be DPoP-bound.
     */
    public enum Change {
        DISABLED, ENABLED, SECRET_ROTATED, SIGN_IN_CHANGED, KEYS_CHANGED
    }

    /**
     * The audit trail's detail, never a secret: {@code client=<id> enabled=false}, or
     * {@code client=<id> secret=rotated previous-valid-until=<instant>} ({@code none} when it ended at once), or
     * {@code client=<id> redirect-uris=<count> pushed-requests-required=<bool> consent-skipped=<bool>}, or
     * {@code client=<id> keys=<jwks|jwks_uri|none> dpop-bound-access-tokens=<bool>}.
     */
    public String auditDetail() {
        return "client=" + client.id().value() + change.map(made -> switch (made) {
            case DISABLED -> " enabled=false";
            case ENABLED -> " enabled=true";
            case SECRET_ROTATED -> " secret=rotated previous-valid-until="
                    + client.retiringSecret().map(previous -> previous.until().toString()).orElse("none");
            case SIGN_IN_CHANGED -> " redirect-uris=" + client.signIn().redirectUris().size()
                    + " pushed-requests-required=" + client.signIn().pushedRequestsRequired()
                    + " consent-skipped=" + client.signIn().consentSkipped();
            case KEYS_CHANGED -> " keys=" + client.keySettings().keys().map(ClientKeys::describe).orElse("none")
                    + " dpop-bound-access-tokens=" + client.requiresDpop();
        }).orElse("");
    }
}
