package org.redteam.web;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most {@code max} open connections per client address (the connection's, not
 * {@code X-Forwarded-For}): a connection beyond that is closed as soon as it opens, before it is read.
 * Thread-safe; the counts are of this process's connector only.
 */
final class PerAddressLimit implements Connection.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(PerAddressLimit.class);

    private final int max;
    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

    PerAddressLimit(int max) {
        this.max = max;
    }

    @Override
    public void onOpened(Connection connection) {
        String address = address(connection.getEndPoint().getRemoteSocketAddress());
        int count = open.merge(address, 1, Integer::sum);
        if (count > max) {
            LOG.debug("closing a connection from {}: it has {} open, the limit is {}", address, count - 1, max);
            connection.getEndPoint().close();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        String address = address(connection.getEndPoint().getRemoteSocketAddress());
        open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }

    private static String address(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(remote);
    }
}
