package org.redteam.problem;

/** The thing does not exist, or the worker may not know that it exists. */
public final class NotFoundException extends RedteamException {

    public NotFoundException(String message) {
        super(Kind.NOT_FOUND, message);
    }

    public NotFoundException(String message, Throwable cause) {
        super(Kind.NOT_FOUND, message, cause);
    }
}
