package dev.latchkey.application.port.out;

import java.util.function.Supplier;

/**
 * Lets an inbound adapter ask for an answer only if the outbound adapters can give it without waiting for I/O, as on
 * an event loop, where one wait would stall every request that shares the thread (ADR 11). An outbound adapter that
 * would have to wait calls {@link #mayWait()} first, which throws {@link WouldWait} in memory-only mode; the inbound
 * adapter then asks again where waiting is allowed.
 *
 * <p>Nothing may be stored in memory-only mode: write paths call {@link #mayWait()} before they begin, so a call
 * that is asked again has changed nothing but in-memory, idempotent facts (a last-use time only moves forward).
 */
public final class MemoryOnly {

    private static final ThreadLocal<Boolean> REQUESTED = new ThreadLocal<>();

    private MemoryOnly() {
    }

    /**
     * Runs {@code work} in memory-only mode; throws {@link WouldWait} if it needed to wait. Never called inside a
     * store transaction: the store's caches take this mode to mean that none is open on the thread.
     */
    public static <T> T attempt(Supplier<T> work) {
        if (Boolean.TRUE.equals(REQUESTED.get())) {
            return work.get();
        }
        REQUESTED.set(Boolean.TRUE);
        try {
            return work.get();
        } finally {
            REQUESTED.remove();
        }
    }

    /** Whether the calling thread is in memory-only mode. */
    public static boolean isRequested() {
        return Boolean.TRUE.equals(REQUESTED.get());
    }

    /** Called by an outbound adapter before it waits for I/O. */
    public static void mayWait() {
        if (isRequested()) {
            throw WouldWait.INSTANCE;
        }
    }

    /** The answer needs I/O; ask again where waiting is allowed. */
    public static final class WouldWait extends RuntimeException {

        private static final WouldWait INSTANCE = new WouldWait();

        private WouldWait() {
            // One shared instance without a stack trace: it is a signal, thrown on the hot path.
            super("the answer needs I/O", null, false, false);
        }

        /** Whether {@code failure}, or anything that caused it, is this signal (frameworks may wrap it). */
        public static boolean isCauseOf(Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof WouldWait) {
                    return true;
                }
            }
            return false;
        }
    }
}
