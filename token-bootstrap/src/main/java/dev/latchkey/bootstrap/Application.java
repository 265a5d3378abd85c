package dev.latchkey.bootstrap;

import io.micronaut.runtime.Micronaut;

/** Starts Latchkey: the HTTP server, the store, and every adapter. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }
}
