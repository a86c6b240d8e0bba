package org.redteam.problem;

/** The signed-in worker lacks the role for this action. */
public final class AccessDeniedException extends RedteamException {

    public AccessDeniedException(String message) {
        super(Kind.FORBIDDEN, message);
    }

    public AccessDeniedException(String message, Throwable cause) {
        super(Kind.FORBIDDEN, message, cause);
    }
}
