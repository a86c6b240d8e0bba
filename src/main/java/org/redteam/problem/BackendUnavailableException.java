package org.redteam.problem;

import java.util.Optional;

/**
 * A model backend failed or timed out; nothing was stored for the request. The {@link Failure} says
 * how, so the API can answer 502 (the backend answered wrongly), 503 (it is overloaded or rate
 * limited) or 504 (it did not answer in time).
 *
 * <p>The message names the target, the backend and what the upstream answered, which red teamers must not
 * see (they are blind to the target). Where a red teamer waits, the failure is recorded as an incident and
 * replaced by {@link #reported}: the same failure with a generic message and the incident's code.
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

    /** What a red teamer is told when a model call fails; the details are kept for admins. */
    public static final String UNAVAILABLE = "The assistant is unavailable right now; your message is kept, try again";

    private final Failure failure;
    private final Optional<String> incident;

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
        this(failure, message, cause, Optional.empty());
    }

    private BackendUnavailableException(Failure failure, String message, Throwable cause, Optional<String> incident) {
        super(Kind.UNAVAILABLE, message, cause);
        this.failure = failure;
        this.incident = incident;
    }

    /**
     * The same failure as red teamers see it once recorded as incident {@code code}: the generic
     * {@link #UNAVAILABLE} message and the code, nothing about the target, its backend or the upstream answer.
     */
    public BackendUnavailableException reported(String code) {
        return new BackendUnavailableException(failure, UNAVAILABLE + " (incident " + code + ")", null,
                Optional.of(code));
    }

    /** The incident this failure was recorded as, once {@link #reported}. */
    public Optional<String> incident() {
        return incident;
    }

    public Failure failure() {
        return failure;
    }

    /** The same failure with {@code prefix} before the message, e.g. "model backend rlhf-52b failed: ". */
    public BackendUnavailableException prefixed(String prefix) {
        return new BackendUnavailableException(failure, prefix + getMessage(), getCause(), incident);
    }
}
