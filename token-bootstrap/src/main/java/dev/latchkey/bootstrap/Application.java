package dev.latchkey.bootstrap;

import dev.latchkey.adapter.cli.LatchkeyCommand;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import io.micronaut.runtime.Micronaut;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import sun.misc.Signal;

/**
 * Starts Latchkey: the HTTP server, the store, and every adapter; or, given a command ({@code latchkey --help}), runs
 * it on the store and exits.
 */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        if (LatchkeyCommand.isCommand(args)) {
            // Before anything logs: the command's answer is on standard output, and logs go to standard error.
            System.setProperty("latchkey.log.target", "System.err");
            System.setProperty("latchkey.log.level", "WARN");
            FatalErrors.install();
            System.exit(CommandLineContext.run(args,
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                    new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                    new PrintWriter(System.err, true, StandardCharsets.UTF_8), Map.of()));
        }
        FatalErrors.install();
        // SIGTERM is how a supervisor asks a service to stop, so a stop asked for ends with status 0, not the JVM's
        // 143. System.exit runs the shutdown hooks, and with them the graceful shutdown (application.yml).
        Signal.handle(new Signal("TERM"), requested -> System.exit(0));
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }
}
