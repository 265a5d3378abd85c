package dev.latchkey.application.port.in;

import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.AuthorizationRequest;
import dev.latchkey.domain.OAuthClient;
import dev.latchkey.domain.Scopes;
import java.util.Objects;
import java.util.Optional;

/**
 * The authorization endpoint (RFC 6749 section 4.1, with PKCE and OAuth 2.1's rules): a person, signed in at
 * Latchkey, lets a client have an authorization code for their account, which the client redeems at the token
 * endpoint. Nobody hands their password to the client.
 *
 * <p>It goes in three steps, each its own call, because a browser goes away between them: {@link #check} the request
 * as it arrives; {@link #decide} once the person is known (sign-in and consent may be needed first); and
 * {@link #answer} the consent page.
 */
public interface AuthorizeUseCase {

    /** Is the request sound? Errors that cannot safely go back to the client are answered on a page of our own. */
    Check check(AuthorizationParameters parameters);

    /**
     * What happens for this person: a code, or the consent page, or sign-in first.
     *
     * @param person       the account signed in at Latchkey, if any
     * @param freshSignIn  whether that sign-in was made for this very request (what {@code prompt=login} asks)
     */
    Decision decide(Check.Sound request, Optional<AccountId> person, boolean freshSignIn);

    /** The person answered the consent page: a code if they allowed it, {@code access_denied} if not. */
    Decision answer(Check.Sound request, AccountId person, boolean allowed);

    /**
     * The parameters as they arrived, each absent when missing; with {@code request_uri}, the pushed request's own.
     */
    record AuthorizationParameters(Optional<String> clientId, Optional<String> responseType,
                                   Optional<String> redirectUri, Optional<String> scope, Optional<String> state,
                                   Optional<String> codeChallenge, Optional<String> codeChallengeMethod,
                                   Optional<String> prompt, Optional<String> requestUri, Optional<String> dpopJkt) {
        public AuthorizationParameters {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(responseType, "responseType");
            Objects.requireNonNull(redirectUri, "redirectUri");
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(codeChallenge, "codeChallenge");
            Objects.requireNonNull(codeChallengeMethod, "codeChallengeMethod");
            Objects.requireNonNull(prompt, "prompt");
            Objects.requireNonNull(requestUri, "requestUri");
            Objects.requireNonNull(dpopJkt, "dpopJkt");
        }

        /** Parameters that bind the code to no key. */
        public AuthorizationParameters(Optional<String> clientId, Optional<String> responseType,
                                       Optional<String> redirectUri, Optional<String> scope, Optional<String> state,
                                       Optional<String> codeChallenge, Optional<String> codeChallengeMethod,
                                       Optional<String> prompt, Optional<String> requestUri) {
            this(clientId, responseType, redirectUri, scope, state, codeChallenge, codeChallengeMethod, prompt,
                    requestUri, Optional.empty());
        }
    }

    /** What checking a request came to. */
    sealed interface Check {
        /**
         * A request whose client or redirect URI cannot be trusted: it is never redirected (RFC 6749 section
         * 4.1.2.1), and the reason is shown to the person.
         */
        record Unsafe(String reason) implements Check {
        }

        /** A sound request; {@code pushed} is the request_uri it came by, if it was pushed (RFC 9126). */
        record Sound(AuthorizationRequest request, OAuthClient client, Optional<String> pushed) implements Check {
        }

        /** An error to send back to the client at its redirect URI. */
        record Refused(ErrorRedirect redirect) implements Check {
        }
    }

    /** What the person's side came to. */
    sealed interface Decision {
        /** Nobody is signed in, or {@code prompt=login} asks for a new sign-in: sign in, then decide again. */
        record SignIn() implements Decision {
        }

        /**
         * Ask the person: may this client have these scopes?
         *
         * @param previously the scopes the person let it have before, when it now asks for more
         */
        record AskConsent(OAuthClient client, Scopes scopes, Optional<Scopes> previously) implements Decision {
        }

        /** Send the browser back with a code. */
        record Code(String redirectUri, String code, Optional<String> state) implements Decision {
            @Override
            public String toString() {
                return "Code[redirectUri=" + redirectUri + ", code=redacted]";
            }
        }

        /** Send the browser back with an error. */
        record Refused(ErrorRedirect redirect) implements Decision {
        }

        /** The request cannot be completed any more (its pushed request was used, say): shown, never redirected. */
        record Unsafe(String reason) implements Decision {
        }
    }

    /** An RFC 6749 section 4.1.2.1 error, for the client's redirect URI. */
    record ErrorRedirect(String redirectUri, String error, String description, Optional<String> state) {
        public ErrorRedirect {
            Objects.requireNonNull(redirectUri, "redirectUri");
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(state, "state");
        }
    }
}
