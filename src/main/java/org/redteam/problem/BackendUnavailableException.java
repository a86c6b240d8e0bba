package org.redteam.problem;

/**
 * A model backend failed or timed out; nothing was stored for the request. The {@link Failure} says
 * how, so the API can answer 502 (the backend answered wrongly), 503 (it is overloaded or rate
 * limited) or 504 (it did not answer in time).
 */
public final class BackendUnavailableException extends RedteamException {

    /** How the backend failed; each maps to one HTTP status. */
    public enum Failure {
        /** An error answer, a malformed body, a refused or reset connection: HTTP 502. */
        BAD_GATEWAY(502),
        /** Rate limited (429), overloaded (529) or unavailable (503) after the retries: HTTP 503. */
        OVERLOADED(503),
        /** No answer within the configured timeout: HTTP 504. */
        TIMEOUT(504);

        private final int status;

        Failure(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Failure failure;

    public BackendUnavailableException(String message) {
        this(Failure.BAD_GATEWAY, message, null);
    }

    public BackendUnavailableException(String message, Throwable cause) {
        this(Failure.BAD_GATEWAY, message, cause);
    }

    public BackendUnavailableException(Failure failure, String message) {
        this(failure, message, null);
    }

    public BackendUnavailableException(Failure failure, String message, Throwable cause) {
        super(Kind.UNAVAILABLE, message, cause);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }

    /** The same failure with {@code prefix} before the message, e.g. "model backend rlhf-52b failed: ". */
    public BackendUnavailableException prefixed(String prefix) {
        return new BackendUnavailableException(failure, prefix + getMessage(), getCause());
    }
}
