package dev.freeport.server;

import dev.freeport.config.EdgeConfig;
import dev.freeport.dialect.openai.OpenAiErrorJson;
import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.impl.ConnectionBase;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The gateway's guard against slow and numerous clients, shared by the HTTP server of every event loop: the
 * connection cap, the bytes held by request bodies still arriving, and the head, body and idle timeouts. Each event
 * loop keeps its own connections ({@link Loop}) and checks their deadlines a few times a second: a request costs a
 * few field writes, no timer.
 */
final class Edge {
    private static final Logger LOG = Logger.getLogger(Edge.class.getName());
    /** How often each event loop checks its connections' deadlines. */
    static final long SWEEP_MILLIS = 250;

    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong pendingBody = new AtomicLong();
    private final int maxConnections;
    private final long maxPendingBody;
    private final Supplier<EdgeConfig> config;

    /**
     * @param initial the limits at start (the caps need a restart to change)
     * @param live    the current config's timeouts (a reload changes them)
     */
    Edge(EdgeConfig initial, Supplier<EdgeConfig> live) {
        this.maxConnections = initial.maxConnections() > 0 ? initial.maxConnections() : autoMaxConnections();
        this.maxPendingBody = initial.maxPendingBody() > 0 ? initial.maxPendingBody()
                : Runtime.getRuntime().maxMemory() / 4;
        this.config = live;
    }

    /** Half the process's open-file limit (the rest for upstream sockets, the ledger, the JVM), at most 10,000. */
    private static int autoMaxConnections() {
        long fds = openFileLimit();
        return (int) Math.max(64, Math.min(EdgeConfig.AUTO_MAX_CONNECTIONS, fds > 0 ? fds / 2 : Long.MAX_VALUE));
    }

    static long openFileLimit() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean u
                ? u.getMaxFileDescriptorCount() : -1;
    }

    int maxConnections() {
        return maxConnections;
    }

    long maxPendingBody() {
        return maxPendingBody;
    }

    int connections() {
        return connections.get();
    }

    long pendingBody() {
        return pendingBody.get();
    }

    EdgeConfig config() {
        return config.get();
    }

    /** Claims {@code bytes} of the body budget; false (nothing claimed) when that would go over it. */
    boolean reserveBody(long bytes) {
        if (pendingBody.addAndGet(bytes) > maxPendingBody) {
            pendingBody.addAndGet(-bytes);
            return false;
        }
        return true;
    }

    void releaseBody(long bytes) {
        if (bytes > 0) {
            pendingBody.addAndGet(-bytes);
        }
    }

    /** The 503 for a body over the budget of bodies in transit. */
    GatewayError bodiesBusy() {
        return new GatewayError(ErrorKind.UNAVAILABLE, 503, "The gateway is receiving too many request bodies at "
                + "once (server.max_pending_body, " + maxPendingBody + " bytes); retry shortly.", null, "server_busy",
                1L);
    }

    /** The 503 on a connection accepted over the cap. */
    GatewayError tooManyConnections() {
        return new GatewayError(ErrorKind.UNAVAILABLE, 503, "The gateway has too many open connections "
                + "(server.max_connections, " + maxConnections + "); retry shortly.", null, "too_many_connections",
                1L);
    }

    /** The 408 for a body that stopped arriving. */
    GatewayError bodyStalled() {
        return new GatewayError(ErrorKind.INVALID_REQUEST, 408, "The request body stopped arriving: nothing for "
                + seconds(config().bodyTimeout()) + " (server.body_timeout).", null, "request_timeout", null);
    }

    /** Attaches the edge to one event loop's server; call on that loop (a verticle's start). */
    void install(Vertx vertx, HttpServer server, HttpServerOptions options) {
        Loop loop = new Loop(options);
        server.connectionHandler(loop::accept);
        vertx.setPeriodic(SWEEP_MILLIS, id -> loop.sweep());
    }

    /** The connections of one event loop; used on that loop only. */
    private final class Loop {
        private final HttpServerOptions options;
        private final Set<EdgeConnection> open = new HashSet<>();

        Loop(HttpServerOptions options) {
            this.options = options;
        }

        void accept(HttpConnection http) {
            if (!(http instanceof ConnectionBase base) || base.channel().pipeline().get("httpDecoder") == null) {
                return; // not an HTTP/1.x connection this edge knows how to guard
            }
            boolean over = connections.incrementAndGet() > maxConnections;
            EdgeConnection conn = new EdgeConnection(http, base.channel(), over, System.nanoTime());
            base.channel().attr(EdgeConnection.KEY).set(conn);
            base.channel().pipeline().replace("httpDecoder", "httpDecoder", new EdgeDecoder(options, conn));
            if (EdgeEncoder.AVAILABLE && base.channel().pipeline().get("httpEncoder") != null) {
                base.channel().pipeline().replace("httpEncoder", "httpEncoder", new EdgeEncoder(conn));
                conn.writesHeads = true;
            }
            open.add(conn);
            http.closeHandler(v -> {
                open.remove(conn);
                connections.decrementAndGet();
            });
            if (over) {
                LOG.fine(() -> "connection over server.max_connections (" + maxConnections + ")");
            }
        }

        void sweep() {
            if (open.isEmpty()) {
                return;
            }
            EdgeConfig cfg = config();
            long now = System.nanoTime();
            long head = cfg.headTimeout().toNanos();
            long body = cfg.bodyTimeout().toNanos();
            long idle = cfg.idleTimeout().toNanos();
            for (EdgeConnection c : open.toArray(EdgeConnection[]::new)) {
                long age = now - c.since;
                switch (c.phase) {
                    case WAITING -> {
                        if (age > (c.fresh ? head : idle)) {
                            c.channel.close();
                        }
                    }
                    case HEAD -> {
                        if (age > head) {
                            refuseHead(c, cfg.headTimeout());
                        }
                    }
                    case BODY -> {
                        if (!c.channel.config().isAutoRead()) {
                            c.since = now; // paused by the gateway (its queue is full): not the client's delay
                        } else if (age > body) {
                            if (c.bodyRead()) {
                                c.failBody(bodyStalled()); // the reader answers 408 in the caller's format
                            } else {
                                c.channel.close();
                            }
                        }
                    }
                    case BUSY -> {
                    }
                }
            }
        }

        /** A head that did not complete in time: 408 written straight to the socket, then close. */
        private void refuseHead(EdgeConnection c, Duration timeout) {
            GatewayError e = new GatewayError(ErrorKind.INVALID_REQUEST, 408, "The request head did not arrive "
                    + "within " + seconds(timeout) + " (server.head_timeout).", null, "request_timeout", null);
            DefaultFullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.REQUEST_TIMEOUT, Unpooled.wrappedBuffer(OpenAiErrorJson.bytes(e)));
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .set(HttpHeaderNames.CONTENT_LENGTH, res.content().readableBytes())
                    .set(HttpHeaderNames.CONNECTION, "close");
            c.phase = EdgeConnection.Phase.BUSY;
            c.channel.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
