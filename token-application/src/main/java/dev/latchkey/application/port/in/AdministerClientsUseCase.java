package dev.latchkey.application.port.in;

import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.OAuthClient;
import dev.latchkey.domain.TokenId;
import java.util.List;
import java.util.Optional;

/**
 * Administrators' view of the registered clients: list them, disable one (which revokes every token issued to it, and
 * disables its service account), and see and revoke the tokens a client obtained as itself. Administrators only
 * (each method refuses anyone else with {@link NotAnAdministratorException}); an unknown client is
 * {@code Optional.empty()} or {@code false}.
 */
public interface AdministerClientsUseCase {

    List<OAuthClient> list(Caller caller);

    Optional<OAuthClient> find(Caller caller, ClientId id);

    /** Disabling revokes the client's tokens at once; enabling again does not bring them back. */
    Optional<OAuthClient> setEnabled(Caller caller, ClientId id, boolean enabled);

    /** The tokens the client's service account holds, newest first; empty if the client has none, or is unknown. */
    Optional<ListTokensUseCase.TokenListing> serviceAccountTokens(Caller caller, ClientId id, int page, int size);

    /** Revokes one of the service account's tokens; false if there is no such token for that client. */
    boolean revokeServiceAccountToken(Caller caller, ClientId id, TokenId token);
}
