package dev.freeport.provider.http;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientConnection;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnectOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

import java.util.ArrayDeque;
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
 * Idle connections past the keep-alive time are closed. At most {@code maxConnections} are open or opening; more
 * requests wait in a queue of at most {@code maxWaiters} (beyond it they fail at once as a full pool), each for at
 * most its connect timeout. Vert.x 5.0.7's {@code connect} does not apply a connect timeout of its own: this class
 * does. Confined to its event loop: every method runs on that loop's thread.
 */
final class LoopPool {
    private final Vertx vertx;
    private final HttpClientAgent agent;
    private final HttpConnectOptions connect;
    private final int maxConnections;
    private final int maxWaiters;
    private final long keepAliveNanos;
    private final ArrayDeque<Conn> idle = new ArrayDeque<>();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private final long sweeper;
    private int open;
    private boolean closed;

    /** One connection and what the pool knows of it. */
    private static final class Conn {
        final HttpClientConnection connection;
        boolean dead;
        long idleSince;

        Conn(HttpClientConnection connection) {
            this.connection = connection;
        }
    }

    /** A request waiting for a connection: the pool was at its bound. */
    private static final class Waiter {
        final RequestOptions options;
        final long connectMillis;
        final Promise<HttpClientRequest> promise;
        long timer = -1;

        Waiter(RequestOptions options, long connectMillis, Promise<HttpClientRequest> promise) {
            this.options = options;
            this.connectMillis = connectMillis;
            this.promise = promise;
        }
    }

    LoopPool(Vertx vertx, HttpClientAgent agent, String host, int port, boolean ssl, int maxConnections,
             int maxWaiters, long keepAliveMillis) {
        this.vertx = vertx;
        this.agent = agent;
        this.connect = new HttpConnectOptions().setServer(SocketAddress.inetSocketAddress(port, host)).setHost(host)
                .setPort(port).setSsl(ssl);
        this.maxConnections = maxConnections;
        this.maxWaiters = maxWaiters;
        this.keepAliveNanos = keepAliveMillis * 1_000_000L;
        this.sweeper = vertx.setPeriodic(Math.max(1000, keepAliveMillis / 2), id -> closeExpired());
    }

    /** A request on one of this loop's connections, with {@code options}' method, URI and headers; nothing sent. */
    Future<HttpClientRequest> request(RequestOptions options, long connectMillis) {
        Promise<HttpClientRequest> promise = Promise.promise();
        acquire(options, connectMillis, promise);
        return promise.future();
    }

    private void acquire(RequestOptions options, long connectMillis, Promise<HttpClientRequest> promise) {
        if (closed) {
            fail(promise, new IllegalStateException("the upstream client is closed"));
            return;
        }
        long now = System.nanoTime();
        Conn c;
        while ((c = idle.pollLast()) != null) {
            if (c.dead) {
                continue;
            }
            if (now - c.idleSince > keepAliveNanos) {
                retire(c);
                continue;
            }
            send(c, options, connectMillis, promise, false);
            return;
        }
        if (open < maxConnections) {
            open++;
            connect(options, connectMillis, promise);
        } else if (waiters.size() >= maxWaiters) {
            fail(promise, new ConnectionPoolTooBusyException("connection pool reached its wait queue's size "
                    + maxWaiters));
        } else {
            Waiter w = new Waiter(options, connectMillis, promise);
            if (connectMillis > 0) {
                w.timer = vertx.setTimer(connectMillis, id -> {
                    if (waiters.remove(w)) {
                        fail(w.promise, new TimeoutException("no connection within the connect timeout: timed out"));
                    }
                });
            }
            waiters.add(w);
        }
    }

    private void connect(RequestOptions options, long connectMillis, Promise<HttpClientRequest> promise) {
        long timer = connectMillis <= 0 ? -1 : vertx.setTimer(connectMillis,
                id -> fail(promise, new TimeoutException("connect timed out after " + connectMillis + " ms")));
        agent.connect(connect).onComplete(made -> {
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
            if (made.failed()) {
                open--;
                fail(promise, made.cause());
                connectForWaiter();
                return;
            }
            Conn c = new Conn(made.result());
            c.connection.closeHandler(v -> closed(c));
            if (closed) {
                retire(c);
                fail(promise, new IllegalStateException("the upstream client is closed"));
            } else if (promise.future().isComplete()) { // timed out meanwhile: the connection serves others
                release(c);
            } else {
                send(c, options, connectMillis, promise, true);
            }
        });
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

    private void release(Conn c) {
        if (c.dead) {
            return;
        }
        if (closed) {
            retire(c);
            return;
        }
        Waiter w = waiters.poll();
        if (w != null) {
            if (w.timer >= 0) {
                vertx.cancelTimer(w.timer);
            }
            send(c, w.options, w.connectMillis, w.promise, false);
            return;
        }
        c.idleSince = System.nanoTime();
        idle.addLast(c);
    }

    /** Closes a connection the pool will not hand out again; it is dropped when Vert.x reports it closed. */
    private void retire(Conn c) {
        if (!c.dead) {
            c.dead = true;
            open--;
            idle.remove(c);
            c.connection.close();
            connectForWaiter();
        }
    }

    private void closed(Conn c) {
        if (!c.dead) {
            c.dead = true;
            open--;
            idle.remove(c);
            connectForWaiter();
        }
    }

    /** A connection left: the first waiter (if any) gets a new one. */
    private void connectForWaiter() {
        if (closed || open >= maxConnections) {
            return;
        }
        Waiter w = waiters.poll();
        if (w != null) {
            if (w.timer >= 0) {
                vertx.cancelTimer(w.timer);
            }
            open++;
            connect(w.options, w.connectMillis, w.promise);
        }
    }

    /** Idle connections past the keep-alive time, oldest first. */
    private void closeExpired() {
        long now = System.nanoTime();
        Conn c;
        while ((c = idle.peekFirst()) != null && now - c.idleSince > keepAliveNanos) {
            retire(c);
        }
    }

    /** Fails as {@link UpstreamClient#open} does: the transport's exception mapped to an upstream failure. */
    private static void fail(Promise<HttpClientRequest> promise, Throwable cause) {
        promise.tryFail(UpstreamClient.connectFailure(cause).toException());
    }

    int open() {
        return open;
    }

    int idle() {
        return idle.size();
    }

    int waiting() {
        return waiters.size();
    }

    /** Closes every idle connection and fails the waiters; connections in use close when their answer ends. */
    void close() {
        closed = true;
        vertx.cancelTimer(sweeper);
        Waiter w;
        while ((w = waiters.poll()) != null) {
            if (w.timer >= 0) {
                vertx.cancelTimer(w.timer);
            }
            fail(w.promise, new IllegalStateException("the upstream client is closed"));
        }
        Conn c;
        while ((c = idle.pollLast()) != null) {
            retire(c);
        }
    }
}
