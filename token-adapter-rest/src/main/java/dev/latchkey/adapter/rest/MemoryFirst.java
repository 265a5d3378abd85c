package dev.latchkey.adapter.rest;

import dev.latchkey.application.port.out.MemoryOnly;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Runs a use case on the event loop when memory can answer it, and on the blocking executor when it needs the store
 * (ADR 11). A warm token check touches no I/O, so it costs no thread hand-off; a cold one, or one made while the
 * node's lease has lapsed, is asked again where it may wait, and never stalls the event loop.
 */
@Singleton
public final class MemoryFirst {

    private final Scheduler blocking;

    MemoryFirst(@Named(TaskExecutors.BLOCKING) ExecutorService blockingExecutor) {
        this.blocking = Schedulers.fromExecutorService(blockingExecutor);
    }

    public <T> Mono<T> call(Supplier<T> work) {
        return Mono.defer(() -> {
            try {
                return Mono.justOrEmpty(MemoryOnly.attempt(work));
            } catch (RuntimeException failure) {
                if (MemoryOnly.WouldWait.isCauseOf(failure)) {
                    return Mono.fromSupplier(work).subscribeOn(blocking);
                }
                return Mono.error(failure);
            }
        });
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
