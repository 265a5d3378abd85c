package dev.latchkey.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A person's consent that a client may get tokens for their account with these scopes. Remembered, so that the next
 * authorization asks nothing; a request for a scope not yet consented to asks again, and consenting then covers the
 * scopes of both.
 */
public record Consent(AccountId account, ClientId client, Scopes scopes, Instant grantedAt) {

    public Consent {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(scopes, "scopes");
        Objects.requireNonNull(grantedAt, "grantedAt");
    }

    public boolean covers(Scopes requested) {
        return scopes.containsAll(requested);
    }

    /**
     * This consent with the newly consented scopes added; past {@link Scopes#MAX_COUNT} together, only the newly
     * consented ones are kept, and an older request asks again.
     */
    public Consent widenedTo(Scopes requested, Instant now) {
        boolean fits = scopes.values().stream().filter(scope -> !requested.contains(scope)).count()
                + requested.size() <= Scopes.MAX_COUNT;
        return new Consent(account, client, fits ? scopes.union(requested) : requested, now);
    }
}
