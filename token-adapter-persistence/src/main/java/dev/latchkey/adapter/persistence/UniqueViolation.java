package dev.latchkey.adapter.persistence;

import java.sql.SQLException;

/** Recognises a unique-constraint violation, whichever database raised it. */
public final class UniqueViolation {

    /** SQLSTATE for a unique-constraint violation; H2 and PostgreSQL agree on it. */
    private static final String SQL_STATE = "23505";

    private UniqueViolation() {
    }

    public static boolean isCauseOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && SQL_STATE.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
