package org.redteam.storage;

import java.sql.SQLException;

/** Recognises constraint violations across SQL vendors, so services can report races as conflicts. */
public final class Constraints {
    private static final int SQLITE_CONSTRAINT = 19;

    private Constraints() {
    }

    /** True when {@code e} was caused by a UNIQUE or PRIMARY KEY violation. */
    public static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if ("23505".equals(state)) {
                    return true;
                }
                if (sql.getErrorCode() == SQLITE_CONSTRAINT && String.valueOf(sql.getMessage()).contains("UNIQUE")) {
                    return true;
                }
            }
        }
        return false;
    }
}
