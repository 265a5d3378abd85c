package dev.latchkey.adapter.persistence;

import dev.latchkey.application.port.out.StoreUnavailableException;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.connection.exceptions.NoConnectionException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Tells a store that cannot serve now from a request the store refused. The first is answered "retry later" (503);
 * the second is a bug or bad data and stays what it is.
 *
 * <p>Unavailable: the JDBC classes meant for it (transient, recoverable: a pool timeout is one); SQLSTATE class 08
 * (connection exception: refused, lost, broken during a statement), 53 (insufficient resources: too many connections,
 * out of memory or disk), 57P01–57P03 (the server is shutting down, crashed, or not yet accepting connections),
 * 25006 (a read-only transaction: after a failover, the connection reached a standby), 40001 and 40P01
 * (serialization failure, deadlock: the same work succeeds when repeated), HYT00 (lock timeout); H2's codes for
 * a closed or broken database; and Micronaut Data's failure to prepare or restore a connection, which is how a
 * connection the pool already closed as broken shows (Hikari then answers "Connection is closed" without a state):
 * found by killing the primary under load.
 */
public final class StoreFailures {

    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "25006", "40001", "40P01",
            "HYT00");
    private static final Set<String> UNAVAILABLE_STATE_CLASSES = Set.of("08", "53");
    /** H2: database closed (90098), connection broken (90067), database called at shutdown (90121). */
    private static final Set<Integer> H2_UNAVAILABLE_CODES = Set.of(90098, 90067, 90121);
    private static final int DEEPEST_CAUSE_LOOKED_AT = 16;

    private StoreFailures() {
    }

    public static boolean unavailable(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < DEEPEST_CAUSE_LOOKED_AT; depth++, cause = cause.getCause()) {
            if (cause instanceof StoreUnavailableException
                    || cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                    || cause instanceof ConnectionException && !(cause instanceof NoConnectionException)) {
                return true;
            }
            if (cause instanceof SQLException sql && unavailable(sql)) {
                return true;
            }
        }
        return false;
    }

    private static boolean unavailable(SQLException failure) {
        String state = failure.getSQLState();
        if (state != null && (UNAVAILABLE_STATES.contains(state)
                || state.length() >= 2 && UNAVAILABLE_STATE_CLASSES.contains(state.substring(0, 2)))) {
            return true;
        }
        return H2_UNAVAILABLE_CODES.contains(failure.getErrorCode()) && failure.getClass().getName().startsWith("org.h2.");
    }

    /** Deadlock, serialization failure, lock timeout: the store undid the work, and the same work may succeed now. */
    private static final Set<String> RETRYABLE_STATES = Set.of("40001", "40P01", "HYT00");

    /**
     * Whether a write transaction that failed this way is worth running again: the database chose it as a deadlock's
     * victim, could not serialize it, or gave up waiting for a lock. Everything it wrote was rolled back.
     */
    static boolean worthRetrying(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < DEEPEST_CAUSE_LOOKED_AT; depth++, cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && RETRYABLE_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** The failure as the core should see it: a {@link StoreUnavailableException} when it is one, else unchanged. */
    public static RuntimeException translated(RuntimeException failure) {
        if (failure instanceof StoreUnavailableException || !unavailable(failure)) {
            return failure;
        }
        return new StoreUnavailableException("the store is unavailable", failure);
    }
}
