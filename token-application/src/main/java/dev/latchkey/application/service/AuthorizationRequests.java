package dev.latchkey.application.service;

import dev.latchkey.application.port.in.AuthorizeUseCase.AuthorizationParameters;
import dev.latchkey.domain.AuthorizationRequest;
import dev.latchkey.domain.CodeChallenge;
import dev.latchkey.domain.GrantType;
import dev.latchkey.domain.InvalidValueException;
import dev.latchkey.domain.KeyThumbprint;
import dev.latchkey.domain.OAuthClient;
import dev.latchkey.domain.Prompt;
import dev.latchkey.domain.Scopes;
import java.util.Optional;
import java.util.Set;

/**
 * The one reading of an authorization request's parameters for a known client, for the authorization endpoint and
 * for pushed requests alike: redirect URI first (until it is known to be the client's, no error may go to it), then
 * everything else, each refusal with its RFC 6749 error code.
 */
final class AuthorizationRequests {

    private AuthorizationRequests() {
    }

    /** What reading the parameters came to. */
    sealed interface Reading {
        /** No redirect URI of the client's can be found: nothing may be sent to the one given. */
        record NoRedirect(String reason) implements Reading {
        }

        /** An error for the client, at a redirect URI it registered. */
        record Refused(String redirectUri, String error, String description, Optional<String> state)
                implements Reading {
        }

        record Read(AuthorizationRequest request) implements Reading {
        }
    }

    static Reading read(OAuthClient client, AuthorizationParameters parameters, boolean pushed) {
        Optional<String> redirect = client.redirectFor(parameters.redirectUri());
        if (redirect.isEmpty()) {
            return new Reading.NoRedirect(parameters.redirectUri().isPresent()
                    ? "The redirect_uri is not one the client registered."
                    : "The request names no redirect_uri, and the client did not register exactly one.");
        }
        String redirectUri = redirect.get();
        Optional<String> state = parameters.state().filter(AuthorizationRequests::isValidState);
        if (parameters.state().isPresent() && state.isEmpty()) {
            return new Reading.Refused(redirectUri, "invalid_request", "The state must be 1 to "
                    + AuthorizationRequest.MAX_STATE_LENGTH + " printable ASCII characters.", Optional.empty());
        }
        if (!parameters.responseType().equals(Optional.of("code"))) {
            return new Reading.Refused(redirectUri, "unsupported_response_type",
                    "Only response_type=code is supported.", state);
        }
        if (!pushed && client.signIn().pushedRequestsRequired()) {
            return new Reading.Refused(redirectUri, "invalid_request",
                    "The client must push its authorization requests first (RFC 9126).", state);
        }
        if (!client.mayUse(GrantType.AUTHORIZATION_CODE)) {
            return new Reading.Refused(redirectUri, "unauthorized_client",
                    "The client is not registered for the authorization_code grant.", state);
        }
        CodeChallenge challenge;
        Set<Prompt> prompts;
        Optional<KeyThumbprint> dpopKey;
        try {
            challenge = CodeChallenge.of(parameters.codeChallenge().orElse(null),
                    parameters.codeChallengeMethod().orElse(null));
            prompts = Prompt.parse(parameters.prompt().orElse(null));
            dpopKey = dpopKey(parameters.dpopJkt());
        } catch (InvalidValueException invalid) {
            return new Reading.Refused(redirectUri, "invalid_request", invalid.field() + " " + invalid.reason() + ".",
                    state);
        }
        Scopes scopes;
        try {
            scopes = Scopes.parseSpaceDelimited(parameters.scope().orElse(null));
        } catch (InvalidValueException invalid) {
            return new Reading.Refused(redirectUri, "invalid_scope", "The scope is malformed.", state);
        }
        if (!client.mayRequest(scopes)) {
            return new Reading.Refused(redirectUri, "invalid_scope",
                    "The client is not registered for a requested scope.", state);
        }
        return new Reading.Read(new AuthorizationRequest(client.id(), redirectUri,
                parameters.redirectUri().isPresent(), scopes, state, challenge, prompts, dpopKey));
    }

    /**
     * The key a request's {@code dpop_jkt} (RFC 9449 section 10) binds its code or device request to, if it names one.
     *
     * @throws InvalidValueException naming {@code dpop_jkt} if it is not a key's thumbprint
     */
    static Optional<KeyThumbprint> dpopKey(Optional<String> dpopJkt) {
        try {
            return dpopJkt.map(KeyThumbprint::of);
        } catch (InvalidValueException malformed) {
            throw new InvalidValueException("dpop_jkt", "must be a JWK SHA-256 thumbprint (RFC 7638), base64url");
        }
    }

    private static boolean isValidState(String state) {
        return !state.isEmpty() && state.length() <= AuthorizationRequest.MAX_STATE_LENGTH
                && state.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
    }
}
