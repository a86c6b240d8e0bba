package org.redteam.backend;

import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;

/**
 * What one {@link HttpCall} came to, classified: worth another try or not. Says nothing about the body's
 * meaning; each client words its own failures from these facts.
 */
public sealed interface Reply {

    /** True for failures another try may mend: 408, 429 and 5xx answers; refused or broken connections. */
    boolean worthRetrying();

    /**
     * The server answered with {@code status}; {@code body} is the text (for a stream that was not opened,
     * its first 64 KiB). {@code retryAfter} is the server's Retry-After, read against the clock when the
     * answer came; absent when missing or unreadable.
     */
    record Answered(int status, String body, Optional<Duration> retryAfter) implements Reply {
        public boolean ok() {
            return status == 200;
        }

        @Override
        public boolean worthRetrying() {
            return status == 429 || status == 408 || status >= 500;
        }
    }

    /** A 200 to {@link HttpCall#open}: the event stream, which the caller reads and closes. */
    record Streaming(InputStream events) implements Reply {
        @Override
        public boolean worthRetrying() {
            return false;
        }
    }

    /** No answer: the connection could not be made, timed out or broke. */
    record NoAnswer(Trouble trouble, Throwable cause) implements Reply {
        @Override
        public boolean worthRetrying() {
            return trouble == Trouble.REFUSED || trouble == Trouble.BROKEN || trouble == Trouble.UNREADABLE;
        }
    }

    enum Trouble {
        /** No connection within the connect timeout. */
        CONNECT_TIMEOUT,
        /** No answer (status line and headers) within the request timeout. */
        TIMEOUT,
        /** The connection was refused: nothing listens there. */
        REFUSED,
        /** The connection failed or was reset. */
        BROKEN,
        /** The status came, but reading the error body failed. */
        UNREADABLE,
        /** Anything else (a bug, not the network). */
        OTHER
    }
}
