package dev.latchkey.adapter.persistence;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The store's work on threads of its own: the change feed, the last-use flush, the token writer.
 *
 * <p>Why errors need care here: an {@link Error} thrown by a scheduled run is kept in the schedule's future, which
 * nobody reads, and ends the schedule without a word; one that ends the token writer leaves every issuance waiting.
 * A node whose change feed or writer has silently stopped still answers, wrongly. So such an error goes to the
 * thread's uncaught-exception handler, as if it had ended the thread (the bootstrap's handler ends the process on a
 * fatal one), and the work goes on.
 */
public final class BackgroundWork {

    private BackgroundWork() {
    }

    /** Runs the task on a daemon thread of that name, with a fixed delay between runs. */
    public static ScheduledExecutorService start(String threadName, Duration initialDelay, Duration delay, Runnable task) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> runReportingErrors(task), initialDelay.toNanos(), delay.toNanos(),
                TimeUnit.NANOSECONDS);
        return scheduler;
    }

    /**
     * Stops the schedule and waits for a run in progress to end, without interrupting it: an interrupted thread that
     * is writing H2's file closes it (a {@code FileChannel} closes on interrupt), and the database with it, so the
     * last flush at shutdown would fail with "the database has been closed". Found by a restart test's log.
     */
    public static void stop(ScheduledExecutorService scheduler, Duration longestRun) {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(longestRun.toMillis(), TimeUnit.MILLISECONDS)) {
                org.slf4j.LoggerFactory.getLogger(BackgroundWork.class).warn(
                        "A background run of the store did not end within {}; the store closes without waiting",
                        longestRun);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void runReportingErrors(Runnable task) {
        try {
            task.run();
        } catch (Error error) {
            report(error);
        }
    }

    /** Hands an error the work survives to the thread's uncaught-exception handler, which may end the process. */
    public static void report(Error error) {
        Thread thread = Thread.currentThread();
        thread.getUncaughtExceptionHandler().uncaughtException(thread, error);
    }
}
