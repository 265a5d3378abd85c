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

/** Creates, reads and changes accounts; administrators only. */
public interface AdministerAccountsUseCase {

    Outcome create(CreateAccountCommand command);

    Outcome find(Caller administrator, Username username);

    Outcome update(UpdateAccountCommand command);

    /** Ends a lock from failed logins at once, instead of when the allowance has refilled by itself. */
    Outcome unlock(Caller administrator, Username username);

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
        }
    }

    /** Each present field replaces the stored one; absent fields stay as they are. */
    record UpdateAccountCommand(Caller administrator, Username username, Optional<Password> password,
                                Optional<Role> role, Optional<EmailAddress> email,
                                Optional<Organization> organization, Optional<PartnerId> partner,
                                Optional<Boolean> enabled) {
        public UpdateAccountCommand {
            Objects.requireNonNull(administrator, "administrator");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(organization, "organization");
            Objects.requireNonNull(partner, "partner");
            Objects.requireNonNull(enabled, "enabled");
        }
    }

    sealed interface Outcome {
        record Done(Account account) implements Outcome {
        }

        record NotFound() implements Outcome {
        }

        record UsernameTaken() implements Outcome {
        }

        record UnknownPartner(PartnerId partner) implements Outcome {
        }

        record NotAllowed() implements Outcome {
        }
    }
}
