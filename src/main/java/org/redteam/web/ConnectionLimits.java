package org.redteam.web;

import io.javalin.config.JavalinConfig;
import java.time.Duration;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ThreadLimitHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * Bounds on what slow clients can hold (a request body read one byte at a time keeps a Jetty thread,
 * and Javalin has 250): a new connection, or one with a request being handled, that sends and receives
 * nothing for {@code idleTimeout} is closed (a blocked body read is answered 408); between requests a
 * kept-alive connection, which holds no thread, may wait {@code keepAliveTimeout} for the next one (a
 * short wait there makes the server close connections that clients are about to reuse); a body that arrives slower
 * than {@code minRequestBytesPerSecond} on average, past a 2 s allowance from its first byte, is refused with 408
 * when a read finds nothing new; one client address may hold
 * {@code connectionsPerAddress} open connections (a further one is closed as soon as it opens) and have
 * {@code requestsPerAddress} requests handled at once (further ones wait, holding no thread: Jetty's
 * {@link ThreadLimitHandler}). 0 turns a per-address limit off. A busy handler (waiting for a model,
 * streaming) is not idle.
 *
 * @param idleTimeout              for a new connection's first request and while a request is handled
 * @param keepAliveTimeout         how long a connection may wait for its next request after an answer
 * @param minRequestBytesPerSecond counted from the body's first byte
 * @param connectionsPerAddress    by the connection's remote address; behind a reverse proxy on loopback
 *                                 all clients share the proxy's, so turn both off there and limit in the proxy
 */
public record ConnectionLimits(Duration idleTimeout, Duration keepAliveTimeout, long minRequestBytesPerSecond,
                               int connectionsPerAddress, int requestsPerAddress) {
    public static final ConnectionLimits DEFAULT =
            new ConnectionLimits(Duration.ofSeconds(5), Duration.ofSeconds(60), 1024, 64, 16);

    public ConnectionLimits {
        if (!isPositive(idleTimeout) || !isPositive(keepAliveTimeout) || minRequestBytesPerSecond < 0
                || connectionsPerAddress < 0 || requestsPerAddress < 0) {
            throw new IllegalArgumentException("connection limits must be positive (per address: 0 = none): " + idleTimeout
                    + ", " + keepAliveTimeout + ", " + minRequestBytesPerSecond + " B/s, " + connectionsPerAddress
                    + ", " + requestsPerAddress);
        }
    }

    private static boolean isPositive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }

    /** These limits with {@code connections} per address; 0 turns off both per-address limits. */
    public ConnectionLimits withConnectionsPerAddress(int connections) {
        return new ConnectionLimits(idleTimeout, keepAliveTimeout, minRequestBytesPerSecond, connections,
                connections == 0 ? 0 : Math.min(requestsPerAddress, connections));
    }

    /** Applies the limits to the server and every connector it has when it starts (Javalin adds its own then). */
    void applyTo(JavalinConfig cfg) {
        cfg.jetty.modifyServer(server -> server.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                for (Connector connector : server.getConnectors()) {
                    if (connector instanceof AbstractConnector c) {
                        c.setIdleTimeout(idleTimeout.toMillis());
                        if (connectionsPerAddress > 0) {
                            c.addEventListener(new PerAddressLimit(connectionsPerAddress));
                        }
                    }
                }
                if (requestsPerAddress > 0) {
                    ThreadLimitHandler limit = new ThreadLimitHandler(null, false); // the connection's address only
                    limit.setThreadLimit(requestsPerAddress);
                    limit.setHandler(server.getHandler());
                    server.setHandler(limit);
                }
                server.setHandler(new PerRequest(server.getHandler()));
            }
        }));
    }

    /**
     * Per request: shortens the connection's idle timeout while the request is handled and lengthens it again after
     * the answer; and refuses a body that comes too slowly. Jetty's own minimum data rate counts from the first
     * byte with no allowance, so a 70-byte body split into two packets 200 ms apart, or one read again after the
     * handler paused, was refused with 408 (docs/benchmarks.md). Here the rate is checked only when a read finds no
     * data yet (the reader would wait), and only past {@link #RATE_GRACE_MILLIS}.
     */
    private final class PerRequest extends Handler.Wrapper {
        PerRequest(Handler handler) {
            super(handler);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
            endPoint.setIdleTimeout(idleTimeout.toMillis());
            Request.addCompletionListener(request, failure -> endPoint.setIdleTimeout(keepAliveTimeout.toMillis()));
            return super.handle(minRequestBytesPerSecond > 0 ? new RateLimitedBody(request) : request, response, callback);
        }
    }

    /** How long a body may take before its average rate counts: short bodies in a few packets are never refused. */
    static final long RATE_GRACE_MILLIS = 2_000;

    private final class RateLimitedBody extends Request.Wrapper {
        private long firstByteNanos;
        private long bytes;

        RateLimitedBody(Request request) {
            super(request);
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk chunk = super.read();
            synchronized (this) {
                if (chunk != null) {
                    if (bytes == 0 && chunk.hasRemaining()) {
                        firstByteNanos = System.nanoTime();
                    }
                    bytes += chunk.remaining();
                    return chunk;
                }
                if (bytes > 0) {
                    long counted = (System.nanoTime() - firstByteNanos) / 1_000_000 - RATE_GRACE_MILLIS;
                    if (counted > 0 && bytes < minRequestBytesPerSecond * counted / 1000) {
                        return Content.Chunk.from(new BadMessageException(408,
                                "request body slower than " + minRequestBytesPerSecond + " B/s"));
                    }
                }
                return null;
            }
        }
    }
}
