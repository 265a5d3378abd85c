package dev.latchkey.adapter.rest.security;

import java.util.Optional;

/**
 * Recognises a token format a dialect hands out around a Latchkey credential, and returns the credential inside.
 * Only the wrapping is the dialect's; the credential is checked like any other.
 */
public interface CredentialUnwrapper {

    /** The credential inside, or empty if the value is not in this dialect's format. */
    Optional<String> unwrap(String presented);
}
