package dev.latchkey.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a client sends people to sign in at Latchkey (the authorization code grant): where they may be sent back,
 * whether its requests must be pushed first (RFC 9126), and whether it is a first-party client, which an
 * administrator trusts to need no consent.
 */
public record SignInSettings(List<RedirectUri> redirectUris, boolean pushedRequestsRequired, boolean consentSkipped) {

    public static final int MAX_REDIRECT_URIS = 10;

    public SignInSettings {
        Objects.requireNonNull(redirectUris, "redirectUris");
        if (redirectUris.size() > MAX_REDIRECT_URIS) {
            throw new InvalidValueException("redirectUris", "may list at most " + MAX_REDIRECT_URIS);
        }
        if (redirectUris.stream().distinct().count() != redirectUris.size()) {
            throw new InvalidValueException("redirectUris", "lists one URI twice");
        }
        redirectUris = List.copyOf(redirectUris);
    }

    /** A client that sends no one to sign in. */
    public static SignInSettings none() {
        return new SignInSettings(List.of(), false, false);
    }

    /**
     * The redirect URI an authorization request is answered at: the one it names, if the client registered it (or,
     * for a public client, a loopback URI it registered on another port); with none named, the client's only one.
     */
    public Optional<String> redirectFor(Optional<String> named, ClientType clientType) {
        if (named.isEmpty()) {
            return redirectUris.size() == 1 ? Optional.of(redirectUris.get(0).value()) : Optional.empty();
        }
        return redirectUris.stream().anyMatch(registered -> registered.admits(named.get(), clientType))
                ? named : Optional.empty();
    }
}
