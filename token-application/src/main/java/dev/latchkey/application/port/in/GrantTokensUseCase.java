package dev.latchkey.application.port.in;

import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.Scopes;
import java.util.Objects;
import java.util.Optional;

/** The OAuth 2.0 token endpoint's grants (RFC 6749): an access and a refresh token for a password or a refresh token. */
public interface GrantTokensUseCase {

    Outcome grant(PasswordGrant grant);

    /** Exchanges a refresh token, once, for a new pair; a second presentation of a spent one revokes its grant. */
    Outcome grant(RefreshGrant grant);

    /**
     * @param scope  empty for no scopes
     * @param client the client that authenticated, if any; the tokens are bound to it
     */
    record PasswordGrant(String username, String password, String address, Optional<Scopes> scope,
                         Optional<ClientId> client) {
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
    record RefreshGrant(String refreshToken, Optional<Scopes> scope, Optional<ClientId> client) {
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

    sealed interface Outcome {
        record Granted(IssuedToken access, IssuedToken refresh) implements Outcome {
        }

        /** RFC 6749 {@code invalid_grant}: wrong password, or a refresh token that is unknown, spent or revoked. */
        record InvalidGrant(Cause cause, String reason) implements Outcome {
        }

        /** RFC 6749 {@code invalid_scope}. */
        record InvalidScope(String reason) implements Outcome {
        }
    }
}
