package dev.latchkey.application.port.in;

import dev.latchkey.domain.OAuthClient;
import java.util.Objects;

/** Authenticates an OAuth 2.0 client by its id and high-entropy secret: one hash and one lookup, never a slow hash. */
public interface AuthenticateClientUseCase {

    Outcome authenticate(ClientCredentials credentials);

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

    sealed interface Outcome {
        record Authenticated(OAuthClient client) implements Outcome {
        }

        record Refused() implements Outcome {
        }
    }
}
