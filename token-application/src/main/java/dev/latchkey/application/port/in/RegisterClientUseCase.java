package dev.latchkey.application.port.in;

import dev.latchkey.domain.ClientSecret;
import dev.latchkey.domain.OAuthClient;
import java.util.Objects;

/** Registers an OAuth 2.0 confidential client; administrators only. */
public interface RegisterClientUseCase {

    Outcome register(RegisterClientCommand command);

    record RegisterClientCommand(Caller registrar, String name) {
        public RegisterClientCommand {
            Objects.requireNonNull(registrar, "registrar");
            Objects.requireNonNull(name, "name");
        }
    }

    sealed interface Outcome {
        /** The secret is in clear here and nowhere else. */
        record Registered(OAuthClient client, ClientSecret secret) implements Outcome {
        }

        record NotAllowed() implements Outcome {
        }
    }
}
