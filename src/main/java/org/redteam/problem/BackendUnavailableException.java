package org.redteam.problem;

/** A model backend failed or timed out; nothing was stored for the request. */
public final class BackendUnavailableException extends RedteamException {

    public BackendUnavailableException(String message) {
        super(Kind.UNAVAILABLE, message);
    }

    public BackendUnavailableException(String message, Throwable cause) {
        super(Kind.UNAVAILABLE, message, cause);
    }
}
