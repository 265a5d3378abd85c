package dev.latchkey.application.port.in;

import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.ClientKeys;
import dev.latchkey.domain.KeySettings;
import dev.latchkey.domain.OAuthClient;
import dev.latchkey.domain.RedirectUri;
import dev.latchkey.domain.SignInSettings;
import dev.latchkey.domain.TokenId;
import java.util.List;
import java.util.Optional;

/**
 * Administrators' view of the registered clients: list them, disable one (which revokes every token issued to it, and
 * disables its service account), change how one sends people to sign in, and see and revoke the tokens a client obtained as itself. Administrators only
 * (each method refuses anyone else with {@link NotAnAdministratorException}); an unknown client is
 * {@code Optional.empty()} or {@code false}.
 */
public interface AdministerClientsUseCase {

    List<OAuthClient> list(Caller caller);

    Optional<OAuthClient> find(Caller caller, ClientId id);

    /** Disabling revokes the client's tokens at once; enabling again does not bring them back. */
    Optional<OAuthClient> setEnabled(Caller caller, ClientId id, boolean enabled);

    /**
     * Changes how the client sends people to sign in; each setting left out stays as it is.
     *
     * @throws dev.latchkey.domain.InvalidValueException if the settings that result are not valid
     */
    Optional<OAuthClient> changeSignIn(Caller caller, ClientId id, SignInChange change);

    /**
     * Replaces the keys a client that signs its assertions lists or publishes (several at once, chosen by
     * {@code kid}, so that a new key can be added before the old one is dropped), or whether its access tokens must
     * be DPoP-bound; audited. Empty if there is no such client.
     *
     * @throws dev.latchkey.domain.InvalidValueException if the change gives keys to a client that does not sign with
     *                                                   them, or takes them from one that does
     */
    Optional<OAuthClient> changeKeys(Caller caller, ClientId id, KeyChange change);

    /** New key settings, each {@code Optional.empty()} to keep the current one. */
    record KeyChange(Optional<ClientKeys> keys, Optional<Boolean> dpopBoundAccessTokens) {

        public KeyChange {
            java.util.Objects.requireNonNull(keys, "keys");
            java.util.Objects.requireNonNull(dpopBoundAccessTokens, "dpopBoundAccessTokens");
        }

        public KeySettings applyTo(KeySettings current) {
            return new KeySettings(keys.isPresent() ? keys : current.keys(),
                    dpopBoundAccessTokens.orElse(current.dpopBoundAccessTokens()));
        }
    }

    /** New sign-in settings, each {@code Optional.empty()} to keep the current one. */
    record SignInChange(Optional<List<RedirectUri>> redirectUris, Optional<Boolean> pushedRequestsRequired,
                        Optional<Boolean> consentSkipped) {

        public SignInChange {
            java.util.Objects.requireNonNull(redirectUris, "redirectUris");
            java.util.Objects.requireNonNull(pushedRequestsRequired, "pushedRequestsRequired");
            java.util.Objects.requireNonNull(consentSkipped, "consentSkipped");
        }

        public SignInSettings applyTo(SignInSettings current) {
            return new SignInSettings(redirectUris.orElse(current.redirectUris()),
                    pushedRequestsRequired.orElse(current.pushedRequestsRequired()),
                    consentSkipped.orElse(current.consentSkipped()));
        }
    }

    /** The tokens the client's service account holds, newest first; empty if the client has none, or is unknown. */
    Optional<ListTokensUseCase.TokenListing> serviceAccountTokens(Caller caller, ClientId id, int page, int size);

    /** Revokes one of the service account's tokens; false if there is no such token for that client. */
    boolean revokeServiceAccountToken(Caller caller, ClientId id, TokenId token);
}
