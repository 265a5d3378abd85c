package dev.latchkey.adapter.cli;

import dev.latchkey.application.port.in.NotAnAdministratorException;
import dev.latchkey.domain.InvalidValueException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: an inbound adapter like the REST one, over the same use cases, for operators working on the
 * configured database directly. Each command runs as the operator; {@code --help} and {@code --version} answer
 * without asking for any use case, so without opening a store.
 */
@Command(name = "latchkey", mixinStandardHelpOptions = true, versionProvider = LatchkeyCommand.Version.class,
        description = {"Latchkey, a self-hosted access-token service.",
                "With no command, `bin/latchkey` runs the service; these commands work on its database directly."},
        subcommands = {AccountsCommand.class, TokensCommand.class, PartnersCommand.class, PoliciesCommand.class,
                AuditCommand.class, ExportCommand.class, ImportCommand.class, MigrateStoreCommand.class,
                BackupCommand.class,
                CommandLine.HelpCommand.class})
public final class LatchkeyCommand implements Runnable {

    /** The first arguments that mean "run a command" rather than "run the service". */
    private static final Set<String> COMMANDS = Set.of("accounts", "tokens", "partners", "policies", "audit", "export",
            "import", "migrate-store", "backup", "help",
            "--help", "-h", "--version", "-V");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Whether these arguments ask for a command; anything else, none included, runs the service. */
    public static boolean isCommand(String[] args) {
        return args.length > 0 && (COMMANDS.contains(args[0]) || !args[0].startsWith("-"));
    }

    /**
     * Runs the command on the given use cases, reading secrets from {@code in}; returns the exit status (0 done,
     * 1 refused, 2 misused).
     */
    public static int run(String[] args, OperatorUseCases useCases, BufferedReader in, PrintWriter out,
                          PrintWriter err) {
        CommandLine commandLine = new CommandLine(new LatchkeyCommand(), new AttachingFactory(useCases, in));
        // An empty path would be the working directory: a backup written there, an export refused as existing.
        commandLine.registerConverter(Path.class, value -> {
            if (value.isBlank()) {
                throw new CommandLine.TypeConversionException("a path is needed, not an empty value");
            }
            return Path.of(value);
        });
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((failure, failed, parsed) -> {
            if (failure instanceof Refusal || failure instanceof NotAnAdministratorException) {
                failed.getErr().println("latchkey: " + failure.getMessage());
                return 1;
            }
            if (failure instanceof InvalidValueException invalid) {
                failed.getErr().println("latchkey: " + named(invalid.field(), failed) + ": " + invalid.reason());
                return 2;
            }
            throw failure;
        });
        return commandLine.execute(args);
    }

    /**
     * A refused value named as the operator typed it: the parsing shared with the API names {@code unusedFor}, and
     * the command's option is {@code --unused-for}. A field no option matches (the password, read from standard
     * input) keeps its name.
     */
    static String named(String field, CommandLine command) {
        String option = "--" + field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
        return command.getCommandSpec().findOption(option) != null ? option : field;
    }

    /** The project's version, written into the jar at build time. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties properties = new Properties();
            try (InputStream in = LatchkeyCommand.class.getResourceAsStream("/latchkey-version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            } catch (IOException unreadable) {
                throw new UncheckedIOException(unreadable);
            }
            return new String[] {"latchkey " + properties.getProperty("version", "unknown")};
        }
    }

    /** Gives each command the use cases and the input, as picocli creates it. */
    private record AttachingFactory(OperatorUseCases useCases, BufferedReader input) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            K made = CommandLine.defaultFactory().create(type);
            if (made instanceof StoreCommand command) {
                command.attach(useCases, input);
            }
            return made;
        }
    }
}
