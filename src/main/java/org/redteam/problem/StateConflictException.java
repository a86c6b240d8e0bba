package org.redteam.problem;

/** The action does not fit the current state: a second choice for a turn, a change to a submitted attempt. */
public final class StateConflictException extends RedteamException {

    public StateConflictException(String message) {
        super(Kind.CONFLICT, message);
    }

    public StateConflictException(String message, Throwable cause) {
        super(Kind.CONFLICT, message, cause);
    }
}
