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
 */
public record AuthorizationRequest(ClientId client, String redirectUri, boolean redirectUriNamed, Scopes scopes,
                                   Optional<String> state, CodeChallenge challenge, Set<Prompt> prompts) {

    /** Enough for any CSRF token or encoded client state, short enough that no one stores a document in it. */
    public static final int MAX_STATE_LENGTH = 1024;

    public AuthorizationRequest {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(scopes, "scopes");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(challenge, "challenge");
        prompts = prompts.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(prompts));
        if (state.isPresent() && (state.get().isEmpty() || state.get().length() > MAX_STATE_LENGTH
                || state.get().chars().anyMatch(c -> c < 0x20 || c > 0x7e))) {
            throw new InvalidValueException("state",
                    "must be 1 to " + MAX_STATE_LENGTH + " printable ASCII characters");
        }
    }

    public boolean prompts(Prompt prompt) {
        return prompts.contains(prompt);
    }
}
