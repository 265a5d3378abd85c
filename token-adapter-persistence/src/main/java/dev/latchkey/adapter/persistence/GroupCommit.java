package dev.latchkey.adapter.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Group commit: callers on many threads hand in items, and one writer writes whatever has queued while its previous
 * commit ran, in one transaction; each caller returns once that transaction has committed, with its own item's
 * outcome. Under load a commit carries many items, and a lone one waits for no one.
 *
 * <p>If a batch fails, its items are written one by one, so that each caller learns its own outcome and one bad item
 * fails no other; unless the store is unavailable, when every caller of the batch is told so at once.
 *
 * @param <I> what a caller hands in
 * @param <O> the outcome of one item
 */
public final class GroupCommit<I, O> {

    /** Writes a batch in one transaction of its own; answers one outcome per item, in order. */
    @FunctionalInterface
    public interface BatchWriter<I, O> {
        List<O> write(List<I> batch);
    }

    private record Pending<I, O>(I item, CompletableFuture<O> committed) {
    }

    private final int maximumBatch;
    private final BatchWriter<I, O> writer;
    private final BlockingQueue<Pending<I, O>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean stopping;

    public GroupCommit(String threadName, int maximumBatch, BatchWriter<I, O> writer) {
        this.maximumBatch = maximumBatch;
        this.writer = writer;
        this.thread = new Thread(this::writeUntilStopped, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Writes the item with whatever else is queued; returns its outcome once committed, or throws why it was not. */
    public O submit(I item) {
        if (stopping) {
            throw new IllegalStateException("the service is stopping");
        }
        Pending<I, O> pending = new Pending<>(item, new CompletableFuture<>());
        queue.add(pending);
        try {
            return pending.committed().join();
        } catch (CompletionException failed) {
            throw failed.getCause() instanceof RuntimeException cause ? cause
                    : new IllegalStateException("could not write to the store", failed.getCause());
        }
    }

    private void writeUntilStopped() {
        List<Pending<I, O>> batch = new ArrayList<>(maximumBatch);
        while (!stopping || !queue.isEmpty()) {
            try {
                Pending<I, O> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maximumBatch - 1);
                writeReportingErrors(batch);
            } catch (InterruptedException interrupted) {
                if (!stopping) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } finally {
                batch.clear();
            }
        }
    }

    private void writeReportingErrors(List<Pending<I, O>> batch) {
        try {
            write(batch);
        } catch (Error error) {
            batch.forEach(pending -> pending.committed().completeExceptionally(error));
            BackgroundWork.report(error);
        }
    }

    private void write(List<Pending<I, O>> batch) {
        try {
            List<O> outcomes = writer.write(batch.stream().map(Pending::item).toList());
            for (int index = 0; index < batch.size(); index++) {
                batch.get(index).committed().complete(outcomes.get(index));
            }
        } catch (RuntimeException batchFailed) {
            if (StoreFailures.unavailable(batchFailed)) {
                // The store is down, not one item bad: trying each alone would make the last caller wait one
                // connection timeout per item before it. Every caller hears it now.
                RuntimeException unavailable = StoreFailures.translated(batchFailed);
                batch.forEach(pending -> pending.committed().completeExceptionally(unavailable));
                return;
            }
            for (Pending<I, O> pending : batch) {
                try {
                    pending.committed().complete(writer.write(List.of(pending.item())).get(0));
                } catch (RuntimeException failed) {
                    pending.committed().completeExceptionally(failed);
                }
            }
        }
    }

    /** Commits what is queued, then stops. */
    public void stop() throws InterruptedException {
        stopping = true;
        thread.join(TimeUnit.SECONDS.toMillis(10));
    }
}
