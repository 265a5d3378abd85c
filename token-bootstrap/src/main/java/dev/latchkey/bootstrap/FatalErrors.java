package dev.latchkey.bootstrap;

import java.io.PrintStream;

/**
 * Ends the process on an error the JVM cannot be trusted to recover from, so that a supervisor starts a fresh one.
 *
 * <p>Why: a JVM out of heap or out of native threads often stays up, and answers nothing useful. Netty and the
 * executors catch what a task throws and carry on, so the thread that hit the error may be the only one that knew.
 * {@code -XX:+ExitOnOutOfMemoryError} (the launcher sets it) covers the heap, metaspace and direct memory, but not a
 * thread the kernel refused to create, nor a JVM started without the launcher.
 *
 * <p>This is the process's default uncaught-exception handler. Threads that die of an error report it here, and
 * the places that would otherwise swallow one (the HTTP error route, the store's background tasks) hand it here too.
 * A {@link StackOverflowError} is not fatal: it unwinds the stack that overflowed and leaves the thread usable.
 */
final class FatalErrors implements Thread.UncaughtExceptionHandler {

    /** The status {@code -XX:+ExitOnOutOfMemoryError} exits with, so that both ways out look alike to a supervisor. */
    static final int EXIT_STATUS = 3;
    /** Kept aside from the start and let go when the end comes, for the line that says why. */
    private static volatile byte[] reserve = new byte[2 << 20];

    private final Thread.UncaughtExceptionHandler notFatal;

    private FatalErrors(Thread.UncaughtExceptionHandler notFatal) {
        this.notFatal = notFatal;
    }

    static void install() {
        Thread.setDefaultUncaughtExceptionHandler(new FatalErrors(Thread.getDefaultUncaughtExceptionHandler()));
    }

    static boolean isFatal(Throwable failure) {
        return failure instanceof VirtualMachineError && !(failure instanceof StackOverflowError);
    }

    @Override
    public void uncaughtException(Thread thread, Throwable failure) {
        if (!isFatal(failure)) {
            if (notFatal != null) {
                notFatal.uncaughtException(thread, failure);
            } else {
                // What the JVM prints without a default handler. The thread group's handler would call this one back.
                System.err.print("Exception in thread \"" + thread.getName() + "\" ");
                failure.printStackTrace(System.err);
            }
            return;
        }
        try {
            // Heap for the last words: the thread that filled it may still hold everything (a fresh CI run found
            // the process ended with no word when another thread's error came first).
            reserve = null;
            // Plain stderr, in pieces that exist already: a logger, or one concatenated line, needs memory, or locks,
            // that a failing JVM may no longer have.
            PrintStream err = System.err;
            err.print("latchkey: fatal ");
            err.print(failure.getClass().getName());
            String message = failure.getMessage();
            if (message != null) {
                err.print(": ");
                err.print(message);
            }
            err.print(" in thread ");
            err.print(thread.getName());
            err.print("; ending the process (status ");
            err.print(EXIT_STATUS);
            err.println(") so that it can be restarted");
            err.flush();
        } finally {
            // halt, not exit: shutdown hooks would wait on threads and a store that may be as stuck as this one.
            Runtime.getRuntime().halt(EXIT_STATUS);
        }
    }
}
