package dev.latchkey.adapter.cli;

import java.io.PrintStream;

/**
 * A count of records on standard error, rewritten in place, where a person watches a terminal; nothing where the
 * output goes to a file or a pipe (a script reads the summary on standard output).
 */
final class Progress {

    private static final long EVERY = 10_000;

    private final PrintStream terminal;
    private final String verb;
    private long last;

    private Progress(PrintStream terminal, String verb) {
        this.terminal = terminal;
        this.verb = verb;
    }

    static Progress onTerminal(String verb) {
        return new Progress(System.console() != null ? System.err : null, verb);
    }

    void count(long records) {
        last = records;
        if (terminal != null && records % EVERY == 0) {
            terminal.print("\r" + verb + " " + records + " records");
            terminal.flush();
        }
    }

    void done() {
        if (terminal != null && last >= EVERY) {
            terminal.println("\r" + verb + " " + last + " records");
        }
    }
}
