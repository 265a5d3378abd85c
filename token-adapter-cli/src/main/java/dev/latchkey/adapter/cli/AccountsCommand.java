package dev.latchkey.adapter.cli;

import dev.latchkey.application.port.in.ChangeAccountUseCase;
import dev.latchkey.application.port.in.ChangeAccountUseCase.AccountEdit;
import dev.latchkey.application.port.in.ChangeAccountUseCase.ChangeAccountCommand;
import dev.latchkey.application.port.in.CreateAccountUseCase;
import dev.latchkey.application.port.in.CreateAccountUseCase.CreateAccountCommand;
import dev.latchkey.application.port.in.DeleteAccountUseCase;
import dev.latchkey.application.port.in.ReadAccountsUseCase;
import dev.latchkey.application.port.in.ReadAccountsUseCase.ListAccountsQuery;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.AccountFilter;
import dev.latchkey.domain.EmailAddress;
import dev.latchkey.domain.Organization;
import dev.latchkey.domain.PartnerId;
import dev.latchkey.domain.Role;
import dev.latchkey.domain.Username;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "accounts", mixinStandardHelpOptions = true, description = "Create, list, change and delete accounts.",
        subcommands = {AccountsCommand.Create.class, AccountsCommand.ListAccounts.class, AccountsCommand.Show.class,
                AccountsCommand.Disable.class, AccountsCommand.Enable.class, AccountsCommand.Password.class,
                AccountsCommand.Delete.class})
final class AccountsCommand {

    static final List<String> HEADER = List.of("USERNAME", "ROLE", "ENABLED", "EMAIL", "ORGANIZATION", "PARTNER",
            "CREATED");

    static List<String> row(Account account) {
        return java.util.Arrays.asList(account.username().value(), account.role().name().toLowerCase(Locale.ROOT),
                String.valueOf(account.enabled()), account.email().map(EmailAddress::value).orElse(null),
                account.organization().map(Organization::name).orElse(null),
                account.partner().map(partner -> String.valueOf(partner.value())).orElse(null),
                account.createdAt().toString());
    }

    static Refusal noSuchAccount() {
        return StoreCommand.refused("no account has this username");
    }

    private static Refusal unknownPartner(PartnerId partner) {
        return StoreCommand.refused("no partner has the id " + partner + "; create it first");
    }

    /** The account as created, or the refusal that says why there is none. */
    static Account created(CreateAccountUseCase.Outcome outcome) {
        if (outcome instanceof CreateAccountUseCase.Outcome.Created created) {
            return created.account();
        }
        if (outcome instanceof CreateAccountUseCase.Outcome.UnknownPartner unknown) {
            throw unknownPartner(unknown.partner());
        }
        throw StoreCommand.refused("another account has this username");
    }

    /** The account as changed, or the refusal that says why it was not. */
    static Account changed(ChangeAccountUseCase.Outcome outcome) {
        if (outcome instanceof ChangeAccountUseCase.Outcome.Changed changed) {
            return changed.account();
        }
        if (outcome instanceof ChangeAccountUseCase.Outcome.UnknownPartner unknown) {
            throw unknownPartner(unknown.partner());
        }
        if (outcome instanceof ChangeAccountUseCase.Outcome.Refused refused) {
            throw StoreCommand.refused(refused.reason());
        }
        throw noSuchAccount();
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create an account. The password is read from standard input, never from an argument.")
    static final class Create extends StoreCommand implements Runnable {
        @Option(names = "--username", required = true)
        String username;
        @Option(names = "--email")
        String email;
        @Option(names = "--organization")
        String organization;
        @Option(names = "--role", defaultValue = "user", description = "user or admin (default: user)")
        String role;
        @Option(names = "--partner-id")
        Long partnerId;

        @Override
        public void run() {
            String password = firstLineOfInput(input);
            Account account = created(useCases().createAccount().create(new CreateAccountCommand(
                    operator(), Username.of(username), useCases().passwordPolicy().accept(password), role(role),
                    Optional.ofNullable(email).map(EmailAddress::of),
                    Optional.ofNullable(organization).map(Organization::of),
                    Optional.ofNullable(partnerId).map(PartnerId::of))));
            table(HEADER, List.of(row(account)));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List accounts, oldest first.")
    static final class ListAccounts extends StoreCommand implements Runnable {
        @Option(names = "--organization")
        String organization;
        @Option(names = "--role")
        String role;
        @Option(names = "--partner-id")
        Long partnerId;
        @Option(names = "--enabled", arity = "1")
        Boolean enabled;
        @Mixin
        Paging paging;

        @Override
        public void run() {
            ReadAccountsUseCase.AccountPage listed = useCases().readAccounts().list(
                    new ListAccountsQuery(operator(), new AccountFilter(
                            Optional.ofNullable(organization).map(Organization::of),
                            Optional.ofNullable(role).map(AccountsCommand::role),
                            Optional.ofNullable(partnerId).map(PartnerId::of), Optional.ofNullable(enabled)),
                            paging.page, paging.size));
            table(HEADER, listed.accounts().stream().map(AccountsCommand::row).toList());
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one account.")
    static final class Show extends StoreCommand implements Runnable {
        @Parameters(paramLabel = "USERNAME")
        String username;

        @Override
        public void run() {
            table(HEADER, List.of(row(useCases().readAccounts().find(operator(), Username.of(username))
                    .orElseThrow(AccountsCommand::noSuchAccount))));
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Disable an account; every token it holds is revoked at once, for good.")
    static final class Disable extends StoreCommand implements Runnable {
        @Parameters(paramLabel = "USERNAME")
        String username;

        @Override
        public void run() {
            table(HEADER, List.of(row(setEnabled(this, username, false))));
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable an account again.")
    static final class Enable extends StoreCommand implements Runnable {
        @Parameters(paramLabel = "USERNAME")
        String username;

        @Override
        public void run() {
            table(HEADER, List.of(row(setEnabled(this, username, true))));
        }
    }

    private static Account setEnabled(StoreCommand command, String username, boolean enabled) {
        return changed(command.useCases().changeAccount().change(ChangeAccountCommand.of(StoreCommand.operator(),
                Username.of(username), new AccountEdit.SetEnabled(enabled))));
    }

    @Command(name = "reset-password", mixinStandardHelpOptions = true,
            description = "Set a new password, read from standard input.")
    static final class Password extends StoreCommand implements Runnable {
        @Parameters(paramLabel = "USERNAME")
        String username;
        @Option(names = "--revoke-tokens", description = "also revoke every token the account holds")
        boolean revokeTokens;

        @Override
        public void run() {
            String password = firstLineOfInput(input);
            table(HEADER, List.of(row(changed(useCases().changeAccount().change(new ChangeAccountCommand(
                    operator(), Username.of(username),
                    List.of(new AccountEdit.ResetPassword(useCases().passwordPolicy().accept(password))),
                    revokeTokens))))));
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Revoke every token of the account, then delete it.")
    static final class Delete extends StoreCommand implements Runnable {
        @Parameters(paramLabel = "USERNAME")
        String username;

        @Override
        public void run() {
            DeleteAccountUseCase.Outcome outcome = useCases().deleteAccount().delete(operator(), Username.of(username));
            if (outcome instanceof DeleteAccountUseCase.Outcome.Refused refused) {
                throw refused(refused.reason());
            }
            if (!(outcome instanceof DeleteAccountUseCase.Outcome.Deleted deleted)) {
                throw noSuchAccount();
            }
            out().println("deleted " + deleted.account().username().value());
            out().flush();
        }
    }

    static Role role(String name) {
        return Role.parse(name);
    }

    /** A password comes on standard input, so that it stays out of the process list and the shell's history. */
    static String firstLineOfInput(BufferedReader input) {
        try {
            String line = input.readLine();
            if (line == null || line.isEmpty()) {
                // Misuse, not a refusal: the command was called without what it needs (exit status 2).
                throw new dev.latchkey.domain.InvalidValueException("password",
                        "give it on standard input, e.g. printf '%s\\n' \"$PASSWORD\" | ...");
            }
            return line;
        } catch (IOException unreadable) {
            throw StoreCommand.refused("could not read the password from standard input");
        }
    }
}
