package org.redteam.web;

import io.javalin.config.JavalinConfig;
import java.time.Duration;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.handler.ThreadLimitHandler;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * Bounds on what slow clients can hold (a request body read one byte at a time keeps a Jetty thread,
 * and Javalin has 250): a connection that sends and receives nothing for {@code idleTimeout} is closed
 * (a blocked body read is answered 408); a body that arrives slower than {@code minRequestBytesPerSecond}
 * on average is refused with 408 at its next read; one client address may hold
 * {@code connectionsPerAddress} open connections (a further one is closed as soon as it opens) and have
 * {@code requestsPerAddress} requests handled at once (further ones wait, holding no thread: Jetty's
 * {@link ThreadLimitHandler}). 0 turns a per-address limit off. A busy handler (waiting for a model,
 * streaming) is not idle.
 *
 * @param idleTimeout              also how long a kept-alive connection may wait for its next request
 * @param minRequestBytesPerSecond counted from the body's first byte
 * @param connectionsPerAddress    by the connection's remote address; behind a reverse proxy on loopback
 *                                 all clients share the proxy's, so turn both off there and limit in the proxy
 */
public record ConnectionLimits(Duration idleTimeout, long minRequestBytesPerSecond, int connectionsPerAddress,
                               int requestsPerAddress) {
    public static final ConnectionLimits DEFAULT = new ConnectionLimits(Duration.ofSeconds(5), 1024, 64, 16);

    public ConnectionLimits {
        if (idleTimeout.isNegative() || idleTimeout.isZero() || minRequestBytesPerSecond < 0
                || connectionsPerAddress < 0 || requestsPerAddress < 0) {
            throw new IllegalArgumentException("connection limits must be positive (per address: 0 = none): " + idleTimeout
                    + ", " + minRequestBytesPerSecond + " B/s, " + connectionsPerAddress + ", " + requestsPerAddress);
        }
    }

    /** These limits with {@code connections} per address; 0 turns off both per-address limits. */
    public ConnectionLimits withConnectionsPerAddress(int connections) {
        return new ConnectionLimits(idleTimeout, minRequestBytesPerSecond, connections,
                connections == 0 ? 0 : Math.min(requestsPerAddress, connections));
    }

    /** Applies the limits to the server and every connector it has when it starts (Javalin adds its own then). */
    void applyTo(JavalinConfig cfg) {
        cfg.jetty.modifyHttpConfiguration(http -> http.setMinRequestDataRate(minRequestBytesPerSecond));
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
            }
        }));
    }
}
