package org.redteam.backend;

import java.time.Duration;
import java.util.Optional;
import org.redteam.backend.Reply.Answered;
import org.redteam.backend.Reply.NoAnswer;
import org.redteam.problem.BackendUnavailableException;
import org.redteam.problem.BackendUnavailableException.Failure;

/**
 * How a model backend words what went wrong: every message starts with {@code where} (target, backend
 * kind, model and URL), gives the HTTP status and the start of the body, and never an API key. The
 * {@link Failure} says which HTTP status the platform answers with.
 */
final class BackendFailures {
    private final String where;
    private final String api;
    private final Duration timeout;

    /**
     * @param where e.g. "target rlhf-52b (openai-chat, model m) at http://…/v1/chat/completions"
     * @param api   what a well-formed answer follows: "the OpenAI API"
     */
    BackendFailures(String where, String api, Duration timeout) {
        this.where = where;
        this.api = api;
        this.timeout = timeout;
    }

    String where() {
        return where;
    }

    /** A well-formed answer that is not what {@code api} promises. */
    BackendUnavailableException broken(String what, String body) {
        return new BackendUnavailableException(where + " answered HTTP 200 outside " + api + ": " + what
                + "; body: " + HttpCall.quote(body));
    }

    /** A status other than 200: 429, 503, 529 and other 5xx (and 408) are worth another try; the rest are not. */
    <T> Outcome<T, BackendUnavailableException> status(Answered answer) {
        int status = answer.status();
        String quoted = HttpCall.quote(answer.body());
        BackendUnavailableException e = switch (status) {
            case 429 -> new BackendUnavailableException(Failure.OVERLOADED, where + ": rate limited (HTTP 429): " + quoted);
            case 503, 529 -> new BackendUnavailableException(Failure.OVERLOADED,
                    where + ": overloaded (HTTP " + status + "): " + quoted);
            case 504 -> new BackendUnavailableException(Failure.TIMEOUT,
                    where + " answered HTTP 504 (gateway timeout): " + quoted);
            default -> new BackendUnavailableException(where + " answered HTTP " + status + ": " + quoted);
        };
        return answer.worthRetrying() ? new Outcome.Transient<>(e, answer.retryAfter()) : new Outcome.Permanent<>(e);
    }

    /** No answer: timeouts are final (the red teamer is already waiting); refused and broken connections are not. */
    <T> Outcome<T, BackendUnavailableException> noAnswer(NoAnswer no) {
        Throwable e = no.cause();
        BackendUnavailableException failure = switch (no.trouble()) {
            case CONNECT_TIMEOUT -> new BackendUnavailableException(Failure.TIMEOUT, where + ": no connection within "
                    + timeout.toMillis() + " ms (timeout_ms)", e);
            case TIMEOUT -> new BackendUnavailableException(Failure.TIMEOUT, where + ": no answer within "
                    + timeout.toMillis() + " ms (timeout_ms)", e);
            case REFUSED -> new BackendUnavailableException(where + ": cannot connect (is the server running?): " + e, e);
            case BROKEN -> new BackendUnavailableException(where + ": the connection failed: " + e, e);
            case UNREADABLE -> new BackendUnavailableException(where + ": reading the answer failed: " + e, e);
            case OTHER -> requestFailed(e);
        };
        return no.worthRetrying() ? new Outcome.Transient<>(failure) : new Outcome.Permanent<>(failure);
    }

    /** Anything that is not the network or the server: a bug, reported with its cause. */
    BackendUnavailableException requestFailed(Throwable e) {
        return new BackendUnavailableException(where + ": request failed: " + e, e);
    }

    /** The final message: the last failure, and why there was no further try. */
    BackendUnavailableException giveUp(BackendUnavailableException last, int tries, Optional<Duration> tooLong) {
        // tooLong is also set when the backoff alone exceeds timeout_ms; the words then still say "the server
        // asks". Kept as it was: messages are pinned by tests and read by people who know them.
        String why = tooLong.map(w -> " (the server asks to retry after " + w.toSeconds()
                + " s, longer than timeout_ms; not retried)").orElse(tries > 1 ? " (gave up after " + tries + " tries)" : "");
        return new BackendUnavailableException(last.failure(), last.getMessage() + why, last.getCause());
    }
}
