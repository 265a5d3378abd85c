package dev.latchkey.application.port.in;

import dev.latchkey.application.port.in.AuthorizeUseCase.AuthorizationParameters;
import dev.latchkey.domain.OAuthClient;
import java.time.Duration;

/**
 * Pushed authorization requests (RFC 9126): an authenticated client sends its authorization request to the server
 * first and gets a {@code request_uri} for the browser to carry, so that nothing of the request passes through the
 * browser, and a confidential client's requests are known to be its own.
 */
public interface PushAuthorizationRequestUseCase {

    /** @param client the client that authenticated as at the token endpoint (or a public client, by its id) */
    Outcome push(OAuthClient client, AuthorizationParameters parameters);

    /** What a push came to. */
    sealed interface Outcome {
        /** The {@code request_uri} for the browser to carry to the authorization endpoint. */
        record Pushed(String requestUri, Duration expiresIn) implements Outcome {
        }

        /** RFC 9126 section 2.3: an RFC 6749 error code, answered as JSON. */
        record Refused(String error, String description) implements Outcome {
        }
    }
}
