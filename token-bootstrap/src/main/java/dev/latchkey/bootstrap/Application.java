package dev.latchkey.bootstrap;

import io.micronaut.runtime.Micronaut;
import sun.misc.Signal;

/** Starts Latchkey: the HTTP server, the store, and every adapter. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        FatalErrors.install();
        // SIGTERM is how a supervisor asks a service to stop, so a stop asked for ends with status 0, not the JVM's
        // 143. System.exit runs the shutdown hooks, and with them the graceful shutdown (application.yml).
        Signal.handle(new Signal("TERM"), requested -> System.exit(0));
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }
}
