package dev.latchkey.application.port.in;

import dev.latchkey.domain.AccountChange.ProfileField;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.AccountFilter;
import dev.latchkey.domain.EmailAddress;
import dev.latchkey.domain.InvalidValueException;
import dev.latchkey.domain.Organization;
import dev.latchkey.domain.PartnerId;
import dev.latchkey.domain.Password;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.TokenId;
import dev.latchkey.domain.Username;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Creates, reads and changes accounts; administrators only. */
public interface AdministerAccountsUseCase {

    Outcome create(CreateAccountCommand command);

    Outcome find(Caller administrator, Username username);

    Outcome update(UpdateAccountCommand command);

    /** Ends a lock from failed logins at once, instead of when the allowance has refilled by itself. */
    Outcome unlock(Caller administrator, Username username);

    /** The accounts that match the query's filter, oldest first, a page at a time. */
    Outcome list(ListAccountsQuery query);

    /** Revokes every token of the account, then deletes it; an administrator cannot delete their own account. */
    Outcome delete(Caller administrator, Username username);

    /** The cut-off: revokes every token the account holds now, whatever its kind, in one call. */
    Outcome revokeTokens(Caller administrator, Username username);

    /** Revokes one token of the named account. */
    Outcome revokeToken(Caller administrator, Username username, TokenId token);

    /** Revokes one token, whichever account holds it; answers {@code TokensRevoked} with its owner. */
    Outcome revokeToken(Caller administrator, TokenId token);

    /** A page of the accounts that match the filter. */
    record ListAccountsQuery(Caller administrator, AccountFilter filter, int page, int size) {
        public ListAccountsQuery {
            Objects.requireNonNull(administrator, "administrator");
            Objects.requireNonNull(filter, "filter");
            new ListTokensUseCase.ListTokensQuery(administrator, page, size);
        }
    }


    /**
     * Creates an account with a password of at least {@link dev.latchkey.domain.Password#MIN_LENGTH_FOR_NEW}
     * characters.
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

    /**
     * Each present field replaces the stored one, each field in {@code cleared} is emptied, and absent fields stay
     * as they are. With {@code revokeTokens}, every token of the account is revoked in the same change, as after a
     * password is known to have leaked.
     */
    record UpdateAccountCommand(Caller administrator, Username username, Optional<Password> password,
                                Optional<Role> role, Optional<EmailAddress> email,
                                Optional<Organization> organization, Optional<PartnerId> partner,
                                Optional<Boolean> enabled, Set<ProfileField> cleared, boolean revokeTokens) {

        public UpdateAccountCommand(Caller administrator, Username username, Optional<Password> password,
                                    Optional<Role> role, Optional<EmailAddress> email,
                                    Optional<Organization> organization, Optional<PartnerId> partner,
                                    Optional<Boolean> enabled) {
            this(administrator, username, password, role, email, organization, partner, enabled, Set.of(), false);
        }

        public UpdateAccountCommand {
            cleared = Set.copyOf(cleared);
            if (cleared.contains(ProfileField.EMAIL) && email.isPresent()
                    || cleared.contains(ProfileField.ORGANIZATION) && organization.isPresent()
                    || cleared.contains(ProfileField.PARTNER) && partner.isPresent()) {
                throw new InvalidValueException("cleared", "a field cannot be both set and cleared");
            }
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

    /** What an administration of accounts came to. */
    sealed interface Outcome {
        /** The account, as stored now. */
        record Done(Account account) implements Outcome {
        }

        /** No account has that username. */
        record NotFound() implements Outcome {
        }

        /** Another account already has that username. */
        record UsernameTaken() implements Outcome {
        }

        /** The account names a partner that does not exist. */
        record UnknownPartner(PartnerId partner) implements Outcome {
        }

        /** Only administrators administer accounts. */
        record NotAllowed() implements Outcome {
        }

        /** The accounts on this page, and how many match in all. */
        record Listed(List<Account> accounts, int page, int size, long total) implements Outcome {
            public Listed {
                accounts = List.copyOf(accounts);
            }
        }

        /** The account's tokens are revoked; {@code revoked} counts those that were still valid. */
        record TokensRevoked(Account account, int revoked) implements Outcome {
        }

        /** The account has no token with that id. */
        record TokenNotFound() implements Outcome {
        }

        /** The request is understood, and refused for the reason given. */
        record Refused(String reason) implements Outcome {
        }
    }
}
