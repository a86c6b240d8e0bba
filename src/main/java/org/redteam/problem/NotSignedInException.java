package org.redteam.problem;

/** The request carries no valid session cookie or API token. */
public final class NotSignedInException extends RedteamException {

    public NotSignedInException(String message) {
        super(Kind.NOT_SIGNED_IN, message);
    }

    public NotSignedInException(String message, Throwable cause) {
        super(Kind.NOT_SIGNED_IN, message, cause);
    }
}
