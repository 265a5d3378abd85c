package dev.latchkey.application.port.in;

import dev.latchkey.domain.Account;
import dev.latchkey.domain.EmailAddress;
import dev.latchkey.domain.Organization;
import dev.latchkey.domain.PartnerId;
import dev.latchkey.domain.Password;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.Username;
import java.util.Objects;
import java.util.Optional;

/** An administrator creates an account. */
public interface CreateAccountUseCase {

    Outcome create(CreateAccountCommand command);

    /**
     * An account with a password of at least {@link dev.latchkey.domain.Password#MIN_LENGTH_FOR_NEW} characters, and
     * an optional profile.
     */
    record CreateAccountCommand(Caller administrator, Username username, Password password, Role role,
                                Optional<EmailAddress> email, Optional<Organization> organization,
                                Optional<PartnerId> partner) {
        public CreateAccountCommand {
            Objects.requireNonNull(administrator, "administrator");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(organization, "organization");
            Objects.requireNonNull(partner, "partner");
            Username.forNewAccount(username.value());
        }
    }

    /** What a creation came to. */
    sealed interface Outcome {
        /** The account, as stored. */
        record Created(Account account) implements Outcome {
        }

        /** Another account already has that username. */
        record UsernameTaken() implements Outcome {
        }

        /** The account names a partner that does not exist. */
        record UnknownPartner(PartnerId partner) implements Outcome {
        }
    }
}
