package org.redteam.scoring;

import org.redteam.problem.RedteamException;

/** A preference model that could not score: a remote one that failed or timed out, a bad model file. */
public final class ScoringException extends RedteamException {

    public ScoringException(String message) {
        super(Kind.UNAVAILABLE, message);
    }

    public ScoringException(String message, Throwable cause) {
        super(Kind.UNAVAILABLE, message, cause);
    }
}
