package dev.latchkey.application.port.in;

import dev.latchkey.domain.Account;
import dev.latchkey.domain.EmailAddress;
import dev.latchkey.domain.InvalidValueException;
import dev.latchkey.domain.Organization;
import dev.latchkey.domain.PartnerId;
import dev.latchkey.domain.Password;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.Username;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An administrator changes an account: resets its password, changes its role, disables or enables it, sets or clears
 * its profile, in one step and one audit entry. Disabling revokes every token the account holds for good; a change
 * that withdraws a scope (a demotion, leaving a partner) revokes the tokens that carry it.
 */
public interface ChangeAccountUseCase {

    Outcome change(ChangeAccountCommand command);

    /**
     * The edits to make, each kind at most once, and whether to revoke every token of the account with them (as after
     * a password is known to have leaked). No edits and no revocation is a change that changes nothing.
     */
    record ChangeAccountCommand(Caller administrator, Username username, List<AccountEdit> edits,
                                boolean revokeTokens) {
        public ChangeAccountCommand {
            Objects.requireNonNull(administrator, "administrator");
            Objects.requireNonNull(username, "username");
            edits = List.copyOf(edits);
            Set<Class<?>> kinds = new HashSet<>();
            for (AccountEdit edit : edits) {
                if (!kinds.add(edit.getClass())) {
                    throw new InvalidValueException(edit.field(), "is given twice");
                }
            }
        }

        /** One edit, with nothing else revoked. */
        public static ChangeAccountCommand of(Caller administrator, Username username, AccountEdit edit) {
            return new ChangeAccountCommand(administrator, username, List.of(edit), false);
        }
    }

    /** One thing an administrator changes about an account. */
    sealed interface AccountEdit {

        /** The request field this edit comes from, for a refusal that names it. */
        String field();

        /** A new password, which ends the account's sign-in sessions. */
        record ResetPassword(Password password) implements AccountEdit {
            public ResetPassword {
                Objects.requireNonNull(password, "password");
            }

            @Override
            public String field() {
                return "password";
            }
        }

        /** A new role; a demotion revokes the tokens that carry a scope only administrators hold. */
        record ChangeRole(Role role) implements AccountEdit {
            public ChangeRole {
                Objects.requireNonNull(role, "role");
            }

            @Override
            public String field() {
                return "role";
            }
        }

        /** Disables ({@code false}) or enables the account. */
        record SetEnabled(boolean enabled) implements AccountEdit {
            @Override
            public String field() {
                return "enabled";
            }
        }

        /** A new e-mail address; empty clears it. */
        record SetEmail(Optional<EmailAddress> email) implements AccountEdit {
            public SetEmail {
                Objects.requireNonNull(email, "email");
            }

            @Override
            public String field() {
                return "email";
            }
        }

        /** A new organization; empty clears it. */
        record SetOrganization(Optional<Organization> organization) implements AccountEdit {
            public SetOrganization {
                Objects.requireNonNull(organization, "organization");
            }

            @Override
            public String field() {
                return "organization";
            }
        }

        /** A new partner; empty clears it. */
        record SetPartner(Optional<PartnerId> partner) implements AccountEdit {
            public SetPartner {
                Objects.requireNonNull(partner, "partner");
            }

            @Override
            public String field() {
                return "partnerId";
            }
        }
    }

    /** What a change came to. */
    sealed interface Outcome {
        /** The account, as stored now. */
        record Changed(Account account) implements Outcome {
        }

        /** No account has that username. */
        record NotFound() implements Outcome {
        }

        /** The account names a partner that does not exist. */
        record UnknownPartner(PartnerId partner) implements Outcome {
        }

        /** The change is refused, for the reason given; nothing was changed. */
        record Refused(String reason) implements Outcome {
        }
    }
}
