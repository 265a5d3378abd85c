package dev.latchkey.application.port.in;

import dev.latchkey.domain.KeyThumbprint;
import dev.latchkey.domain.Audience;
import dev.latchkey.domain.OAuthClient;
import dev.latchkey.domain.Scopes;
import java.util.Objects;
import java.util.Optional;

/**
 * The OAuth 2.0 token endpoint's grants: an access and a refresh token for a password or a refresh token (RFC 6749),
 * an access token for a client as itself (client credentials) or for a token the caller holds (RFC 8693 exchange).
 * A client that authenticated binds the tokens to itself, and may use only the grants and scopes registered for it.
 */
public interface GrantTokensUseCase {

    Outcome grant(PasswordGrant grant);

    /**
     * The same grants, binding what they issue to a key whose proof came with the request (RFC 9449 section 5): every
     * access token, and the refresh tokens too when {@code refreshTokensToo} (a public client's, which no client
     * secret protects). A refresh token bound to a key is redeemed only through grants bound to the same key.
     */
    GrantTokensUseCase boundTo(KeyThumbprint key, boolean refreshTokensToo);

    /** Exchanges a refresh token, once, for a new pair; a second presentation of a spent one revokes its grant. */
    Outcome grant(RefreshGrant grant);

    /** An access token owned by the client's service account; no refresh token (RFC 6749 section 4.4.3). */
    Outcome grant(ClientCredentialsGrant grant);

    /**
     * A new access token for an active token the caller holds, narrower or equal in every way: scopes, expiry and
     * audience (ADR 5's delegation rule). It joins the subject's grant, so revoking that grant revokes it too.
     */
    Outcome grant(TokenExchangeGrant grant);

    /**
     * Redeems an authorization code, once, for an access and a refresh token of the person who authorized it
     * (RFC 6749 section 4.1.3, RFC 7636 section 4.5). A code presented a second time revokes what the first got.
     */
    Outcome grant(CodeGrant grant);

    /**
     * A device's poll with its device code (RFC 8628 section 3.4): pending, slow down, denied, expired, or the tokens,
     * once.
     */
    Outcome grant(DeviceCodeGrant grant);

    /**
     * @param redirectUri  the {@code redirect_uri} the token request names, if any
     * @param codeVerifier the PKCE verifier; an absent one is passed as {@code ""}, which answers no challenge
     * @param client       the client that authenticated, or the public client that named itself
     */
    record CodeGrant(String code, Optional<String> redirectUri, String codeVerifier, OAuthClient client) {
        public CodeGrant {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(redirectUri, "redirectUri");
            Objects.requireNonNull(codeVerifier, "codeVerifier");
            Objects.requireNonNull(client, "client");
        }

        @Override
        public String toString() {
            return "CodeGrant[code=redacted, codeVerifier=redacted, client=" + client + "]";
        }
    }

    /** @param client the client that started the device request: only it may poll with the device code */
    record DeviceCodeGrant(String deviceCode, OAuthClient client) {
        public DeviceCodeGrant {
            Objects.requireNonNull(deviceCode, "deviceCode");
            Objects.requireNonNull(client, "client");
        }

        @Override
        public String toString() {
            return "DeviceCodeGrant[deviceCode=redacted, client=" + client + "]";
        }
    }

    /**
     * @param scope  empty for no scopes
     * @param client the client that authenticated, if any; the tokens are bound to it
     */
    record PasswordGrant(String username, String password, String address, Optional<Scopes> scope,
                         Optional<OAuthClient> client) {
        public PasswordGrant {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(client, "client");
        }

        @Override
        public String toString() {
            return "PasswordGrant[username=" + username + ", password=redacted, address=" + address + ", scope=" + scope + ", client="
                    + client + "]";
        }
    }

    /** @param scope empty to keep the refresh token's scopes; otherwise a subset of them */
    record RefreshGrant(String refreshToken, Optional<Scopes> scope, Optional<OAuthClient> client) {
        public RefreshGrant {
            Objects.requireNonNull(refreshToken, "refreshToken");
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(client, "client");
        }

        @Override
        public String toString() {
            return "RefreshGrant[refreshToken=redacted, scope=" + scope + ", client=" + client + "]";
        }
    }

    /** @param scope empty for the scopes registered for the client (none if it has no such list) */
    record ClientCredentialsGrant(OAuthClient client, Optional<Scopes> scope) {
        public ClientCredentialsGrant {
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(scope, "scope");
        }
    }

    /**
     * @param scope    empty to keep the subject token's scopes; otherwise a subset of them
     * @param audience empty to keep the subject token's audience, if it has one
     */
    record TokenExchangeGrant(String subjectToken, Optional<Scopes> scope, Optional<Audience> audience,
                              Optional<OAuthClient> client) {
        public TokenExchangeGrant {
            Objects.requireNonNull(subjectToken, "subjectToken");
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(audience, "audience");
            Objects.requireNonNull(client, "client");
        }

        @Override
        public String toString() {
            return "TokenExchangeGrant[subjectToken=redacted, scope=" + scope + ", audience=" + audience
                    + ", client=" + client + "]";
        }
    }

    /** Why a grant was refused; RFC 6749 says only {@code invalid_grant}, but some platforms tell these apart. */
    enum Cause {
        BAD_CREDENTIALS,
        UNKNOWN_TOKEN,
        EXPIRED,
        SPENT,
        REVOKED,
        WRONG_CLIENT,
        /** Made through another surface (a platform's token-pair endpoint, say): not redeemable here. */
        WRONG_SURFACE
    }

    /** A grant's tokens, or the RFC 6749 error to answer with. */
    sealed interface Outcome {
        /** {@code refresh} is absent where the grant gives none (client credentials, token exchange). */
        record Granted(IssuedToken access, Optional<IssuedToken> refresh) implements Outcome {
        }

        /** RFC 6749 {@code invalid_grant}: wrong password, or a refresh token that is unknown, spent or revoked. */
        record InvalidGrant(Cause cause, String reason) implements Outcome {
        }

        /** RFC 6749 {@code invalid_scope}. */
        record InvalidScope(String reason) implements Outcome {
        }

        /** RFC 6749 {@code unauthorized_client}: the client may not use this grant. */
        record UnauthorizedClient(String reason) implements Outcome {
        }

        /** RFC 8693 {@code invalid_target}: an audience the subject token cannot be narrowed to. */
        record InvalidTarget(String reason) implements Outcome {
        }

        /** RFC 8628 section 3.5: {@code authorization_pending}, {@code slow_down}, {@code access_denied} or
         * {@code expired_token}; the device polls again, more slowly, or gives up. */
        record DeviceNotReady(DeviceError error, String reason) implements Outcome {
        }
    }

    /** The RFC 8628 answers to a poll that gets no tokens yet, or never will. */
    enum DeviceError {
        AUTHORIZATION_PENDING("authorization_pending"),
        SLOW_DOWN("slow_down"),
        ACCESS_DENIED("access_denied"),
        EXPIRED_TOKEN("expired_token");

        private final String wireName;

        DeviceError(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }
}
