package dev.latchkey.application.port.in;

import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.DeviceCode;
import dev.latchkey.domain.OAuthClient;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.UserCode;
import java.time.Duration;
import java.util.Optional;

/**
 * The device authorization grant (RFC 8628): a device without a browser asks for a pair of codes; a person enters the
 * user code on another screen, signed in at Latchkey, and approves or denies; the device polls the token endpoint with
 * its device code ({@link GrantTokensUseCase#grant(GrantTokensUseCase.DeviceCodeGrant)}).
 */
public interface DeviceAuthorizationUseCase {

    /** The device's request (RFC 8628 section 3.1). */
    Start start(OAuthClient client, Optional<String> scope, Optional<String> dpopJkt);

    /**
     * The person entered a user code: which request is it? A wrong code counts against the person's login limits
     * and the address's, as a wrong password does.
     *
     * @throws TooManyLoginAttemptsException when those allowances are spent; the code was not looked at
     */
    Lookup find(AccountId person, String entered, String address);

    /** The person's decision on the request the user code names. */
    Decided decide(AccountId person, String entered, boolean approved);

    /** What a device's request came to. */
    sealed interface Start {
        /** The codes, in clear here only; the device polls no faster than {@code interval}. */
        record Started(DeviceCode deviceCode, UserCode userCode, Duration expiresIn, Duration interval)
                implements Start {
            @Override
            public String toString() {
                return "Started[expiresIn=" + expiresIn + ", interval=" + interval + "]";
            }
        }

        /** RFC 6749 {@code unauthorized_client} or {@code invalid_scope}. */
        record Refused(String error, String reason) implements Start {
        }
    }

    /** What a user code names. */
    sealed interface Lookup {
        /** A pending request: the person is to confirm the client and scopes. */
        record Pending(OAuthClient client, Scopes scopes) implements Lookup {
        }

        /** No pending, unexpired request has this code. */
        record NotFound() implements Lookup {
        }
    }

    /** What a decision came to. */
    sealed interface Decided {
        /** The device gets its tokens at its next poll. */
        record Approved(OAuthClient client) implements Decided {
        }

        /** The device is told {@code access_denied} at its next poll. */
        record Denied(OAuthClient client) implements Decided {
        }

        /** The request was decided already, expired, or never existed. */
        record NotFound() implements Decided {
        }
    }

}
