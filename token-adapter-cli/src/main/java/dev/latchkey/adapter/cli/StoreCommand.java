package dev.latchkey.adapter.cli;

import dev.latchkey.application.port.in.Caller;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;

/** A command that works on the store, as the operator. */
abstract class StoreCommand {

    private OperatorUseCases useCases;
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
        return useCases;
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

    /** A refusal the operator must hear: printed on stderr, exit status 1. */
    static Refusal refused(String reason) {
        return new Refusal(reason);
    }
}
