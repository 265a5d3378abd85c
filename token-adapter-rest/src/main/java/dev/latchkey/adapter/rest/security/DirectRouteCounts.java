package dev.latchkey.adapter.rest.security;

import jakarta.inject.Singleton;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many requests for the directly served routes (ADR 23) were answered directly, and how many went on to
 * Micronaut's routing (a refusal, a password to hash, a token check that needed the store, a pipelined request), for
 * the service's metrics. A bean of its own, so that the metrics need not wait for the HTTP routes to be built.
 */
@Singleton
public final class DirectRouteCounts {

    private final LongAdder served = new LongAdder();
    private final LongAdder passedOn = new LongAdder();

    public long served() {
        return served.sum();
    }

    public long passedOn() {
        return passedOn.sum();
    }

    void count(boolean servedDirectly) {
        (servedDirectly ? served : passedOn).increment();
    }
}
