package dev.freeport.provider.http;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

import java.util.concurrent.TimeoutException;

/**
 * One event loop's own keep-alive connections to one upstream (host, port, TLS), each carrying one request at a
 * time (HTTP/1.1). A request takes the most recently used idle connection and goes out on it with
 * {@link HttpClientConnection#request}: Vert.x's pooled {@code HttpClientAgent.request} also looks up an endpoint
 * by a new key, leases through its pool's futures and copies the request's options on every request (measured on
 * the bare relay: 1.9 KB and ~9 µs of CPU per request; the hop alone 5,987 → 5,082 B, {@code
 * UpstreamHopAllocationTest}; BENCHMARKS.md). The connection comes back when its answer
 * ended; one whose answer said {@code Connection: close} (or an HTTP/1.0 answer without keep-alive), or whose
 * request or answer failed, is closed instead. A connection that closed is dropped when Vert.x reports it; one that
 * closed unseen fails its next request before anything was sent, and the request goes on another connection.
 * The bounds, the waiters and the keep-alive expiry are {@link KeepAlivePool}'s (shared with {@link RawPool}).
 * Vert.x 5.0.7's {@code connect} does not apply a connect timeout of its own: this class
 * does. Confined to its event loop: every method runs on that loop's thread.
 */
final class LoopPool extends KeepAlivePool<LoopPool.Conn, LoopPool.Ask> {
    private final HttpClientAgent agent;
    private final HttpConnectOptions connect;

    /** One connection and what the pool knows of it. */
    static final class Conn implements KeepAlivePool.Pooled {
        final HttpClientConnection connection;
        private final KeepAlivePool.Slot slot = new KeepAlivePool.Slot();

        Conn(HttpClientConnection connection) {
            this.connection = connection;
        }

        @Override
        public KeepAlivePool.Slot slot() {
            return slot;
        }
    }

    /** A request not sent yet: its options, how long it may wait for a connection, and what it completes. */
    record Ask(RequestOptions options, long connectMillis, Promise<HttpClientRequest> promise) {
    }

    LoopPool(Vertx vertx, HttpClientAgent agent, String host, int port, boolean ssl, int maxConnections,
             int maxWaiters, long keepAliveMillis) {
        super(vertx, maxConnections, maxWaiters, keepAliveMillis);
        this.agent = agent;
        this.connect = new HttpConnectOptions().setServer(SocketAddress.inetSocketAddress(port, host)).setHost(host)
                .setPort(port).setSsl(ssl);
    }

    /** A request on one of this loop's connections, with {@code options}' method, URI and headers; nothing sent. */
    Future<HttpClientRequest> request(RequestOptions options, long connectMillis) {
        Promise<HttpClientRequest> promise = Promise.promise();
        acquire(options, connectMillis, promise);
        return promise.future();
    }

    private void acquire(RequestOptions options, long connectMillis, Promise<HttpClientRequest> promise) {
        Conn c = idleConn();
        if (c != null) {
            send(c, options, connectMillis, promise, false);
        } else {
            acquire(new Ask(options, connectMillis, promise));
        }
    }

    @Override
    long connectMillis(Ask ask) {
        return ask.connectMillis();
    }

    @Override
    void connect(Ask ask) {
        long connectMillis = ask.connectMillis();
        Promise<HttpClientRequest> promise = ask.promise();
        long timer = connectMillis <= 0 ? -1 : vertx.setTimer(connectMillis,
                id -> fail(ask, new TimeoutException("connect timed out after " + connectMillis + " ms")));
        agent.connect(connect).onComplete(made -> {
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
            if (made.failed()) {
                connectFailed(null, ask, made.cause());
                return;
            }
            Conn c = new Conn(made.result());
            c.connection.closeHandler(v -> closed(c));
            connected(c, ask, promise.future().isComplete());
        });
    }

    @Override
    void hand(Conn c, Ask ask, boolean fresh) {
        send(c, ask.options(), ask.connectMillis(), ask.promise(), fresh);
    }

    private void send(Conn c, RequestOptions options, long connectMillis, Promise<HttpClientRequest> promise,
                      boolean fresh) {
        c.connection.request(options).onComplete(made -> {
            if (made.failed()) { // closed unseen: nothing was sent
                retire(c);
                if (fresh) {
                    fail(promise, made.cause());
                } else {
                    acquire(options, connectMillis, promise);
                }
                return;
            }
            HttpClientRequest request = made.result();
            request.response().onComplete(head -> answered(c, head));
            if (!promise.tryComplete(request)) {
                request.reset();
            }
        });
    }

    /** The answer's head came (or the request failed): the connection returns when the answer ended. */
    private void answered(Conn c, AsyncResult<HttpClientResponse> head) {
        if (head.failed()) {
            retire(c);
            return;
        }
        HttpClientResponse response = head.result();
        boolean keep = keepsAlive(response);
        Future<Void> ended;
        try {
            ended = response.end();
        } catch (IllegalStateException alreadyEnded) {
            ended = Future.succeededFuture();
        }
        ended.onComplete(end -> {
            if (end.succeeded() && keep) {
                release(c);
            } else {
                retire(c);
            }
        });
    }

    /** RFC 9112 §9.3: an answer with {@code Connection: close}, or HTTP/1.0 without keep-alive, ends it. */
    private static boolean keepsAlive(HttpClientResponse response) {
        String connection = response.getHeader(HttpHeaders.CONNECTION);
        if (response.version() == HttpVersion.HTTP_1_0) {
            return connection != null && HttpHeaders.KEEP_ALIVE.toString().equalsIgnoreCase(connection.trim());
        }
        return connection == null || !connection.toLowerCase(java.util.Locale.ROOT).contains("close");
    }

    @Override
    void closeTransport(Conn c) {
        c.connection.close();
    }

    @Override
    void fail(Ask ask, Throwable cause) {
        fail(ask.promise(), cause);
    }

    /** Fails as {@link UpstreamClient#open} does: the transport's exception mapped to an upstream failure. */
    private static void fail(Promise<HttpClientRequest> promise, Throwable cause) {
        promise.tryFail(UpstreamClient.connectFailure(cause).toException());
    }
}
