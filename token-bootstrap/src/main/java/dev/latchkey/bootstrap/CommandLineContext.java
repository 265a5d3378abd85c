package dev.latchkey.bootstrap;

import dev.latchkey.adapter.cli.LatchkeyCommand;
import dev.latchkey.adapter.cli.OperatorUseCases;
import dev.latchkey.adapter.cli.Refusal;
import dev.latchkey.adapter.persistence.EmbeddedStore;
import dev.latchkey.adapter.persistence.keys.MasterKeyFile;
import dev.latchkey.application.port.in.BackUpStoreUseCase;
import dev.latchkey.application.port.in.ChangeAccountUseCase;
import dev.latchkey.application.port.in.CreateAccountUseCase;
import dev.latchkey.application.port.in.DeleteAccountUseCase;
import dev.latchkey.application.port.in.ReadAccountsUseCase;
import dev.latchkey.application.port.in.RevokeAccountTokensUseCase;
import dev.latchkey.application.port.in.AdministerPartnersUseCase;
import dev.latchkey.application.port.in.ListTokensUseCase;
import dev.latchkey.application.port.in.ManagePoliciesUseCase;
import dev.latchkey.application.port.in.MoveStoreUseCase;
import dev.latchkey.application.port.in.ReadAuditTrailUseCase;
import dev.latchkey.domain.PasswordPolicy;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The command line's use cases, wired as the service wires them: the application's context without its HTTP server,
 * on the configured database, migrated as the service would migrate it, started when a command first asks for a use
 * case and closed when the command ends.
 */
final class CommandLineContext implements OperatorUseCases, AutoCloseable {

    private final Map<String, Object> properties;
    private ApplicationContext context;
    /** The other store of a migration, when a command asks for one. */
    private ApplicationContext other;
    /** The socket of the service that holds the embedded store, if the store could not be opened for that reason. */
    private Optional<Path> heldByTheService = Optional.empty();

    /** With settings beyond the configuration: tests name their database this way. */
    CommandLineContext(Map<String, Object> properties) {
        this.properties = Map.copyOf(properties);
    }

    /** Runs a command on the configured store; returns its exit status. */
    static int run(String[] args, BufferedReader in, PrintWriter out, PrintWriter err,
                   Map<String, Object> properties) {
        try (CommandLineContext useCases = new CommandLineContext(properties)) {
            return LatchkeyCommand.run(args, useCases, in, out, err);
        }
    }

    @Override
    public CreateAccountUseCase createAccount() {
        return bean(CreateAccountUseCase.class);
    }

    @Override
    public ReadAccountsUseCase readAccounts() {
        return bean(ReadAccountsUseCase.class);
    }

    @Override
    public ChangeAccountUseCase changeAccount() {
        return bean(ChangeAccountUseCase.class);
    }

    @Override
    public DeleteAccountUseCase deleteAccount() {
        return bean(DeleteAccountUseCase.class);
    }

    @Override
    public RevokeAccountTokensUseCase revokeAccountTokens() {
        return bean(RevokeAccountTokensUseCase.class);
    }

    @Override
    public AdministerPartnersUseCase partners() {
        return bean(AdministerPartnersUseCase.class);
    }

    @Override
    public ListTokensUseCase tokens() {
        return bean(ListTokensUseCase.class);
    }

    @Override
    public ManagePoliciesUseCase policies() {
        return bean(ManagePoliciesUseCase.class);
    }

    @Override
    public ReadAuditTrailUseCase auditTrail() {
        return bean(ReadAuditTrailUseCase.class);
    }

    @Override
    public MoveStoreUseCase moveStore() {
        return bean(MoveStoreUseCase.class);
    }

    @Override
    public BackUpStoreUseCase backUpStore() {
        try {
            return bean(BackUpStoreUseCase.class);
        } catch (Refusal unopened) {
            // The running service holds the embedded store: it takes the backup itself, online.
            return heldByTheService.filter(Files::exists).map(CommandSocket::client).orElseThrow(() -> unopened);
        }
    }

    @Override
    public MoveStoreUseCase moveStoreOn(String jdbcUrl, String username, String password) {
        if (other == null) {
            Map<String, Object> settings = new HashMap<>(properties);
            // The copy's keys stay wrapped by the key this store runs with, so the other store opens with it too:
            // on H2 that key is in a file beside the data, which a shared store never reads on its own.
            bean(MasterKeyFile.class).path().ifPresent(file ->
                    settings.put("latchkey.master-key-file", file.toAbsolutePath().toString()));
            settings.put("datasources.default.url", jdbcUrl);
            settings.put("datasources.default.username", username);
            settings.put("datasources.default.password", password);
            other = open(settings);
        }
        return other.getBean(MoveStoreUseCase.class);
    }

    @Override
    public void requireStoreExists() {
        if (context != null) {
            return;
        }
        // Read from the configuration alone: opening the store would make it.
        Environment environment = unopened(properties).getEnvironment().start();
        try {
            EmbeddedStore.databaseFile(storeUrl(environment)).filter(file -> !Files.exists(file)).ifPresent(missing -> {
                throw new Refusal("there is no store at " + missing.getParent() + ": run the command in the "
                        + "directory the service runs in (where its ./data/ is), or name the store with "
                        + "DATASOURCES_DEFAULT_URL");
            });
        } finally {
            environment.stop();
        }
    }

    @Override
    public PasswordPolicy passwordPolicy() {
        return bean(PasswordPolicy.class);
    }

    @Override
    public Clock clock() {
        return bean(Clock.class);
    }

    private <T> T bean(Class<T> type) {
        if (context == null) {
            context = open(properties);
        }
        return context.getBean(type);
    }

    /** The application's context on these settings, not started: the service's, without its HTTP server. */
    private static ApplicationContext unopened(Map<String, Object> settings) {
        return ApplicationContext.builder().deduceEnvironment(false).environments("cli").properties(settings).build();
    }

    private static String storeUrl(Environment environment) {
        return environment.getProperty("datasources.default.url", String.class).orElse("");
    }

    private ApplicationContext open(Map<String, Object> settings) {
        ApplicationContext opening = unopened(settings);
        try {
            return opening.start();
        } catch (RuntimeException unopened) {
            if (heldByAnotherProcess(unopened)) {
                heldByTheService = CommandSocket.of(storeUrl(opening.getEnvironment()));
            }
            throw new Refusal("cannot open the store: " + rootMessage(unopened) + hint(unopened));
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    /** The embedded H2 store is one process's at a time: the running service holds it. */
    private static boolean heldByAnotherProcess(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (String.valueOf(cause.getMessage()).contains("already in use")) {
                return true;
            }
        }
        return false;
    }

    private static String hint(Throwable failure) {
        return heldByAnotherProcess(failure) ? ". The embedded H2 database is open in the running service: stop the "
                + "service for the command, or use the HTTP API (latchkey backup asks the service itself; on "
                + "PostgreSQL, commands and the service run together)" : "";
    }

    @Override
    public void close() {
        if (other != null) {
            other.close();
        }
        if (context != null) {
            context.close();
        }
    }
}
