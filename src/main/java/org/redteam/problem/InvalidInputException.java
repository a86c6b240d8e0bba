package org.redteam.problem;

/** Input that breaks a documented rule: an empty message, a rating outside 0–4, a bad config key. */
public final class InvalidInputException extends RedteamException {

    public InvalidInputException(String message) {
        super(Kind.BAD_INPUT, message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(Kind.BAD_INPUT, message, cause);
    }
}
