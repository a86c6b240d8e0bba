package org.redteam.problem;

/**
 * Base of every failure a user can cause or meet. The {@link Kind} is mapped once to an HTTP status
 * (web) and once to an exit code (cli); the message is shown to the user as is, so it must say what
 * failed and where, and must never contain secrets.
 */
public abstract class RedteamException extends RuntimeException {

    /** What went wrong, independent of the edge that reports it. */
    public enum Kind { BAD_INPUT, NOT_SIGNED_IN, FORBIDDEN, NOT_FOUND, CONFLICT, UNAVAILABLE }

    private final Kind kind;

    protected RedteamException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    protected RedteamException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
