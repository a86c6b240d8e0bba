package org.redteam.attempt;

import org.jdbi.v3.core.Handle;
import org.redteam.worker.Worker;

/** Checked, inside the starting transaction, before a red teamer starts an attempt (a due survey, a daily cap). */
@FunctionalInterface
public interface StartGate {
    StartGate OPEN = (h, worker) -> { };

    /** Throws a {@link org.redteam.problem.RedteamException} when the worker may not start now. */
    void check(Handle h, Worker worker);
}
