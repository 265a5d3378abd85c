package dev.latchkey.application.port.in;

import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.OAuthClient;
import dev.latchkey.domain.Scopes;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The applications a person let have tokens for their account (GitHub's "Authorized OAuth Apps"): each with the
 * scopes consented to and when its tokens were last used; and taking an application's access back.
 */
public interface AuthorizedApplicationsUseCase {

    /** The caller's authorized applications, by name. */
    List<AuthorizedApplication> list(Caller person);

    /**
     * Withdraws the caller's consent for the client and revokes every token the client got for the caller, refresh
     * tokens included; false if the caller had not authorized it.
     */
    boolean revoke(Caller person, ClientId client);

    /** @param lastUsedAt the latest use of any of the client's active tokens for the person */
    record AuthorizedApplication(OAuthClient client, Scopes scopes, Instant consentedAt, Optional<Instant> lastUsedAt) {
    }
}
