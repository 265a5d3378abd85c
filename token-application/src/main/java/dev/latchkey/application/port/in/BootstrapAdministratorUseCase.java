package dev.latchkey.application.port.in;

import dev.latchkey.domain.Account;
import dev.latchkey.domain.Password;
import dev.latchkey.domain.Username;
import java.util.Objects;

/** Creates the first administrator of an empty installation; does nothing once any account exists. */
public interface BootstrapAdministratorUseCase {

    Outcome bootstrap(BootstrapAdministratorCommand command);

    /** The first administrator's username and password, from the operator's configuration. */
    record BootstrapAdministratorCommand(Username username, Password password) {
        public BootstrapAdministratorCommand {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }
    }

    /** Whether the first administrator was made. */
    sealed interface Outcome {
        /** The store was empty; this administrator now exists. */
        record Created(Account administrator) implements Outcome {
        }

        /** The store has accounts already, so nothing was made: bootstrapping happens once. */
        record AccountsAlreadyExist() implements Outcome {
        }
    }
}
