package dev.latchkey.domain;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An authorization request (RFC 6749 section 4.1.1) once it is known to be sound: its client exists and may use
 * the authorization code grant, its redirect URI is one the client registered, its PKCE challenge is S256. What is
 * left to decide is the person's: sign-in and consent.
 *
 * @param redirectUri      where the answer goes: the request's, or the client's only registered one
 * @param redirectUriNamed whether the request named it
 * @param state            the client's value, returned with the answer unchanged
 * @param dpopKey          the key the client asks the code to be bound to ({@code dpop_jkt}, RFC 9449 section 10):
 *                         the code is then redeemed only with a DPoP proof by that key
 */
public record AuthorizationRequest(ClientId client, String redirectUri, boolean redirectUriNamed, Scopes scopes,
                                   Optional<String> state, CodeChallenge challenge, Set<Prompt> prompts,
                                   Optional<KeyThumbprint> dpopKey) {

    /** Enough for any CSRF token or encoded client state, short enough that no one stores a document in it. */
    public static final int MAX_STATE_LENGTH = 1024;

    public AuthorizationRequest {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(scopes, "scopes");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(challenge, "challenge");
        Objects.requireNonNull(dpopKey, "dpopKey");
        prompts = prompts.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(prompts));
        if (state.isPresent() && (state.get().isEmpty() || state.get().length() > MAX_STATE_LENGTH
                || state.get().chars().anyMatch(c -> c < 0x20 || c > 0x7e))) {
            throw new InvalidValueException("state",
                    "must be 1 to " + MAX_STATE_LENGTH + " printable ASCII characters");
        }
    }

    /** A request that binds its code to no key. */
    public AuthorizationRequest(ClientId client, String redirectUri, boolean redirectUriNamed, Scopes scopes,
                                Optional<String> state, CodeChallenge challenge, Set<Prompt> prompts) {
        this(client, redirectUri, redirectUriNamed, scopes, state, challenge, prompts, Optional.empty());
    }

    public boolean prompts(Prompt prompt) {
        return prompts.contains(prompt);
    }
}
