package dev.latchkey.application.port.in;

import dev.latchkey.domain.Account;
import dev.latchkey.domain.Password;
import dev.latchkey.domain.Username;
import java.util.Objects;

/** Creates the first administrator of an empty installation; does nothing once any account exists. */
public interface BootstrapAdministratorUseCase {

    Outcome bootstrap(BootstrapAdministratorCommand command);

    record BootstrapAdministratorCommand(Username username, Password password) {
        public BootstrapAdministratorCommand {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }
    }

    sealed interface Outcome {
        record Created(Account administrator) implements Outcome {
        }

        record AccountsAlreadyExist() implements Outcome {
        }
    }
}
