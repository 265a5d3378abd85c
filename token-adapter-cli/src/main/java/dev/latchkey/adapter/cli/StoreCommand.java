package dev.latchkey.adapter.cli;

import dev.latchkey.application.port.in.Caller;
import dev.latchkey.wire.FileFailures;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;

/** A command that works on the store, as the operator. */
abstract class StoreCommand {

    private OperatorUseCases useCases;
    private boolean storeChecked;
    /** The command's standard input, where secrets come from. */
    BufferedReader input;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Given by {@link LatchkeyCommand}'s factory as picocli creates the command. */
    final void attach(OperatorUseCases useCases, BufferedReader input) {
        this.useCases = useCases;
        this.input = input;
    }

    OperatorUseCases useCases() {
        if (!storeChecked && !mayMakeTheStore()) {
            useCases.requireStoreExists();
        }
        storeChecked = true;
        return useCases;
    }

    /**
     * Whether this command may be the first to open an embedded store, and so make it. Only an import may: every other
     * command, run outside the directory the service runs in, would make an empty store there and work on that.
     */
    boolean mayMakeTheStore() {
        return false;
    }

    static Caller operator() {
        return Caller.operator();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Prints rows as tab-separated columns under a header, for people and for {@code cut} alike. */
    void table(List<String> header, List<List<String>> rows) {
        out().println(String.join("\t", header));
        rows.forEach(row -> out().println(String.join("\t", row.stream().map(cell -> cell == null ? "-" : cell)
                .toList())));
        out().flush();
    }

    /**
     * A secret named by an option as a file that holds it, or {@code -} for standard input: never the secret itself
     * as an argument, which the process list shows. The line's end is not part of it.
     */
    String secretFrom(String option, String source) {
        if (source.isBlank()) {
            throw refused(option + ": a file is needed, or '-' for standard input, not an empty value");
        }
        String where = source.equals("-") ? "standard input" : source;
        try {
            String text = source.equals("-") ? input.readLine()
                    : java.nio.file.Files.readString(java.nio.file.Path.of(source),
                    java.nio.charset.StandardCharsets.UTF_8);
            String secret = text == null ? "" : text.lines().findFirst().orElse("");
            if (secret.isEmpty()) {
                throw refused(option + ": " + where + " holds nothing");
            }
            return secret;
        } catch (java.io.IOException unreadable) {
            throw refused(option + ": cannot read " + where + ": " + FileFailures.reason(unreadable));
        }
    }

    /** A refusal the operator must hear: printed on stderr, exit status 1. */
    static Refusal refused(String reason) {
        return new Refusal(reason);
    }
}
