package dev.latchkey.bench.bare;

import io.micronaut.runtime.Micronaut;

/** The benchmarks' ceiling: what Micronaut and Netty serve when the application does nothing. */
public final class BareApplication {

    private BareApplication() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(BareApplication.class).banner(false).start();
    }
}
