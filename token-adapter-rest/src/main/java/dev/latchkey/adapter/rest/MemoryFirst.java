package dev.latchkey.adapter.rest;

import dev.latchkey.application.port.out.MemoryOnly;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * Runs a use case on the event loop when memory can answer it, and on the blocking executor when it needs the store
 * (ADR 11). A warm token check touches no I/O, so it costs no thread hand-off; a cold one, or one made while the
 * node's lease has lapsed, is asked again where it may wait, and never stalls the event loop.
 *
 * <p>The answer is a {@link CompletionStage}, not a reactive publisher: Micronaut carries a route that returns an
 * already completed stage on as a plain value, where a {@code Mono} puts every request through Reactor's operators
 * (a third of {@code /self}'s samples went through them, issue 27).
 */
@Singleton
public final class MemoryFirst {

    private final ExecutorService blocking;

    MemoryFirst(@Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.blocking = blocking;
    }

    /**
     * The work's answer, already there when memory gave it, or to come from the blocking executor; a failure other
     * than needing the store is thrown as it is, so the route's error handling answers it. The work must not answer
     * null.
     */
    public <T> CompletionStage<T> call(Supplier<T> work) {
        try {
            return CompletableFuture.completedFuture(MemoryOnly.attempt(work));
        } catch (RuntimeException failure) {
            if (MemoryOnly.WouldWait.isCauseOf(failure)) {
                return CompletableFuture.supplyAsync(work, blocking);
            }
            throw failure;
        }
    }

    /**
     * The work's answer if memory alone gives it, or empty when it needs the store, for a caller that cannot wait for
     * a {@link Mono}; the work must not answer null.
     */
    public <T> Optional<T> fromMemory(Supplier<T> work) {
        try {
            return Optional.of(MemoryOnly.attempt(work));
        } catch (RuntimeException failure) {
            if (MemoryOnly.WouldWait.isCauseOf(failure)) {
                return Optional.empty();
            }
            throw failure;
        }
    }
}
