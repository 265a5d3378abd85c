package dev.latchkey.adapter.rest.security;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * Turns a presented token in any dialect's wrapping into the Latchkey credential inside, so that every endpoint
 * (the native API, introspection, revocation) accepts every dialect's tokens.
 */
@Singleton
public final class DialectCredentials {

    private final List<CredentialUnwrapper> unwrappers;

    DialectCredentials(List<CredentialUnwrapper> unwrappers) {
        this.unwrappers = List.copyOf(unwrappers);
    }

    public String unwrap(String presented) {
        for (CredentialUnwrapper unwrapper : unwrappers) {
            Optional<String> inner = unwrapper.unwrap(presented);
            if (inner.isPresent()) {
                return inner.get();
            }
        }
        return presented;
    }
}
