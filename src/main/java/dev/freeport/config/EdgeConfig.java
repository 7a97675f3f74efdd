package dev.freeport.config;

import java.time.Duration;

/**
 * How the HTTP edge protects itself from slow or numerous clients, and how long a stopping gateway lets requests
 * finish (docs/OPERATIONS.md, "Connections and timeouts").
 *
 * @param maxPendingBody total bytes held by request bodies still arriving, across all connections; 0 = a quarter of
 *                       the JVM's maximum heap. A body that would go over it gets 503.
 * @param maxConnections client connections at once; 0 = half the process's open-file limit, at most 10,000. A
 *                       connection over it gets 503 on its first request and is closed
 * @param headTimeout    longest wait from a new connection to a complete request head (and from a head's first
 *                       byte to its end)
 * @param bodyTimeout    longest gap between two pieces of a request body
 * @param idleTimeout    how long a kept-alive connection may wait for its next request
 * @param shutdownGrace  how long requests in flight may finish after SIGTERM before they are cancelled
 */
public record EdgeConfig(long maxPendingBody, int maxConnections, Duration headTimeout, Duration bodyTimeout,
                         Duration idleTimeout, Duration shutdownGrace) {

    public static final EdgeConfig DEFAULTS = new EdgeConfig(0, 0, Duration.ofSeconds(10), Duration.ofSeconds(10),
            Duration.ofSeconds(75), Duration.ofSeconds(30));

    /** The upper bound of {@code max_connections} when it is derived from the open-file limit. */
    public static final int AUTO_MAX_CONNECTIONS = 10_000;
}
