package dev.latchkey.application.port.in;

import dev.latchkey.domain.OAuthClient;
import java.util.Objects;

/**
 * Authenticates an OAuth 2.0 client: a confidential one by its id and high-entropy secret (one hash and one lookup,
 * never a slow hash) or by an assertion signed with its keys, a public one by its id alone, which is all such a client
 * has (RFC 6749 section 2.1).
 */
public interface AuthenticateClientUseCase {

    /** Confidential clients only: a public client has no secret to present. */
    Outcome authenticate(ClientCredentials credentials);

    /** Public clients only: a confidential client's id without its secret is refused. */
    Outcome identifyPublic(String clientId);

    /**
     * A confidential client that signs its assertions ({@code private_key_jwt}), enabled, for the adapter that
     * understands assertions to check one against its keys; its single use is then asked of
     * {@link SingleUseProofsUseCase#firstUse(dev.latchkey.domain.ClientId, String, java.time.Instant)}. Any other
     * client, or none, is refused.
     */
    Outcome identifySigning(String clientId);

    /** A confidential client's id and secret, as presented. The secret is never printed. */
    record ClientCredentials(String clientId, String clientSecret) {
        public ClientCredentials {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientSecret, "clientSecret");
        }

        @Override
        public String toString() {
            return "ClientCredentials[clientId=" + clientId + ", clientSecret=redacted]";
        }
    }

    /** The authenticated client, or a refusal that says no more. */
    sealed interface Outcome {
        /** The client, enabled and authenticated. */
        record Authenticated(OAuthClient client) implements Outcome {
        }

        /** Unknown, disabled, or the wrong secret: one answer for all, so that none can be told apart. */
        record Refused() implements Outcome {
        }
    }
}
