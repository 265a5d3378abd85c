package dev.latchkey.application.port.in;

import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.KeyThumbprint;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Establishes who is calling, from a username and password or from a presented token. */
public interface AuthenticateUseCase {

    /**
     * @throws TooManyLoginAttemptsException when the username's or the address's allowance of attempts is spent;
     *                                       the password is then not checked
     */
    Outcome authenticate(PasswordCredentials credentials);

    /** Authenticates with a token and records its use. */
    Outcome authenticate(PresentedToken token);

    /**
     * Confirms, on a later request, a caller that signed in with a password earlier (a browser session): the
     * account must still exist and be enabled, its password must still be the one signed in with
     * ({@code passwordStamp}, from {@link Outcome.Authenticated#passwordStamp()}), so that a reset ends the session,
     * and the caller comes back with its role as it is now.
     */
    Outcome confirm(AccountId account, String passwordStamp);

    /**
     * As they arrived; the use case decides what is malformed, so that every failure looks the same outside.
     *
     * @param address the client's network address, which attempts are counted against besides the username
     */
    record PasswordCredentials(String username, String password, String address) {
        public PasswordCredentials {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(address, "address");
        }

        @Override
        public String toString() {
            return "PasswordCredentials[username=" + username + ", password=redacted, address=" + address + "]";
        }
    }

    /**
     * A credential exactly as presented: an opaque secret or a JWT. Never printed.
     *
     * @param address the client's network address, which a refusal is recorded against
     */
    record PresentedToken(String value, String address, Optional<Possession> possession) {
        public PresentedToken {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(possession, "possession");
        }

        /** A token presented as a bearer token, with no proof of a key. */
        public PresentedToken(String value, String address) {
            this(value, address, Optional.empty());
        }

        /** A credential presented with no network address: from the command line, or a test. */
        public PresentedToken(String value) {
            this(value, "-");
        }

        @Override
        public String toString() {
            return "PresentedToken[redacted]";
        }
    }

    /** Who the caller is, or why they were refused. */
    sealed interface Outcome {
        /**
         * The credentials were good; this is the caller.
         *
         * @param passwordStamp the {@linkplain dev.latchkey.domain.PasswordHash#stamp() stamp} of the account's
         *                      password now, for a session to {@linkplain #confirm confirm} against later
         */
        record Authenticated(Caller caller, String passwordStamp) implements Outcome {
            public Authenticated {
                Objects.requireNonNull(caller, "caller");
                Objects.requireNonNull(passwordStamp, "passwordStamp");
            }
        }

        /** The reason is for logs and metrics; clients see one indistinct refusal. */
        record Refused(Reason reason) implements Outcome {
        }
    }

    /**
     * A DPoP proof that came with the token and held (RFC 9449): made by the key with this thumbprint, as {@code jti},
     * and presentable until {@code usableUntil}. Its single use is recorded only once the token's binding matched.
     */
    record Possession(KeyThumbprint key, String jti, Instant usableUntil) {
        public Possession {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(jti, "jti");
            Objects.requireNonNull(usableUntil, "usableUntil");
        }
    }

    /** Why credentials were refused: for logs and metrics only, since a caller is told nothing more than "refused". */
    enum Reason {
        BAD_CREDENTIALS,
        ACCOUNT_DISABLED,
        MALFORMED_TOKEN,
        UNKNOWN_TOKEN,
        TOKEN_EXPIRED,
        TOKEN_REVOKED,
        TOKEN_NOT_FOR_API_CALLS,
        /** The account lost the right to a scope the token carries (an administrator's role, a partner). */
        SCOPE_NO_LONGER_HELD,
        PARTNER_AGREEMENTS_NOT_SIGNED,
        /** A token bound to a key came without a proof by that key: as a bearer token, or with another key's proof. */
        PROOF_REQUIRED,
        /** The token's proof was used before, on this node or another. */
        PROOF_REPLAYED,
        /** A token bound to no key came with a proof, as if it were bound. */
        TOKEN_NOT_BOUND
    }
}
