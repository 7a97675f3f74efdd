package dev.freeport.provider.http;

import dev.freeport.api.Timeouts;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.UpstreamFailure;
import io.vertx.core.Completable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.SocketAddress;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

/**
 * The one HTTP client every HTTP provider shares: pooled keep-alive connections per upstream host, TLS with the
 * JDK trust store, gzip accepted. It only opens requests; what to send and how to read the answer is the
 * provider's (see {@link HttpProvider}).
 */
public final class UpstreamClient implements AutoCloseable {
    /** Connections kept per upstream host; a gateway at 32+ concurrent requests must not queue on the pool. */
    private static final int POOL_SIZE = 1024;
    /** Requests that wait for a connection of a full pool, per event loop and upstream; beyond: "pool is full". */
    private static final int MAX_WAITERS = 4096;
    private static final int KEEP_ALIVE_SECONDS = 60;

    private final Vertx vertx;
    private final HttpClientOptions options;
    private final boolean raw;
    /** used off the event loops (workers, tests) */
    private final HttpClientAgent client;
    /**
     * Each event loop's own client and connection pools, used by requests made on it: a connection made on another
     * event loop would answer through a task hand-off (queue + wake-up) on every read. With a pool per loop a
     * request's connection lives on its own thread.
     */
    private final java.util.concurrent.ConcurrentHashMap<Thread, Loop> perLoop =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** base URLs parsed once: parsing a URL on every request showed up in profiles */
    private final java.util.concurrent.ConcurrentHashMap<String, Base> bases = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A base URL parsed once, with the options of its last two distinct requests: a codec that sends the same
     * headers object on every request (its static headers, made once) gets the same prepared options every time,
     * so no request copies them into a new {@link RequestOptions} or parses a URL. The options are never changed
     * once made (they are read by many event loops).
     */
    static final class Base {
        final String url;
        final String host;
        final int port;
        final boolean ssl;
        final String path;
        final SocketAddress server;
        private volatile Prepared a;
        private volatile Prepared b;

        private Base(String url, String host, int port, boolean ssl, String path) {
            this.url = url;
            this.host = host;
            this.port = port;
            this.ssl = ssl;
            this.path = path;
            this.server = SocketAddress.inetSocketAddress(port, host);
        }

        static Base parse(String url) {
            java.net.URI u = java.net.URI.create(url);
            boolean ssl = "https".equalsIgnoreCase(u.getScheme());
            int port = u.getPort() > 0 ? u.getPort() : ssl ? 443 : 80;
            String path = u.getRawPath() == null ? "" : u.getRawPath();
            if (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            return new Base(url, u.getHost(), port, ssl, path);
        }

        RequestOptions options(UpstreamRequest request, long connectMillis) {
            Prepared p = a;
            if (p != null && p.matches(request, connectMillis)) {
                return p.options;
            }
            p = b;
            if (p != null && p.matches(request, connectMillis)) {
                return p.options;
            }
            p = new Prepared(request.method(), request.path(), request.headers(), connectMillis, new RequestOptions()
                    .setMethod(request.method())
                    .setServer(server)
                    .setHost(host)
                    .setPort(port)
                    .setSsl(ssl)
                    .setURI(path + request.path())
                    .setHeaders(request.headers())
                    .setConnectTimeout(connectMillis));
            b = a;
            a = p;
            return p.options;
        }
    }

    /** Options made for one method, path, headers object and connect timeout. */
    private record Prepared(HttpMethod method, String path, MultiMap headers, long connectMillis,
                            RequestOptions options) {
        boolean matches(UpstreamRequest r, long connect) {
            return headers == r.headers() && method == r.method() && connectMillis == connect
                    && path.equals(r.path());
        }
    }

    /** One event loop's client and its pool per base URL; touched only on that loop's thread (but for close). */
    private final class Loop {
        final HttpClientAgent agent = newClient();
        final io.vertx.core.Context context = Vertx.currentContext();
        final java.util.IdentityHashMap<Base, LoopPool> pools = new java.util.IdentityHashMap<>();
        final java.util.IdentityHashMap<Base, RawPool> rawPools = new java.util.IdentityHashMap<>();

        RawPool rawPool(Base base) {
            RawPool pool = rawPools.get(base);
            if (pool == null) {
                pool = new RawPool(vertx, (io.vertx.core.internal.ContextInternal) context, base.host, base.port,
                        base.ssl ? RawTls.context() : null, POOL_SIZE, MAX_WAITERS, KEEP_ALIVE_SECONDS * 1000L);
                rawPools.put(base, pool);
            }
            return pool;
        }

        LoopPool pool(Base base) {
            LoopPool pool = pools.get(base);
            if (pool == null) {
                pool = new LoopPool(vertx, agent, base.host, base.port, base.ssl, POOL_SIZE, MAX_WAITERS,
                        KEEP_ALIVE_SECONDS * 1000L);
                pools.put(base, pool);
            }
            return pool;
        }
    }

    public UpstreamClient(Vertx vertx) {
        this(vertx, !"vertx".equalsIgnoreCase(System.getenv("FREEPORT_UPSTREAM_CLIENT")));
    }

    /**
     * With {@code raw}: {@link #call} on an event loop goes on the loop's own Netty channels ({@link RawPool}) rather
     * than Vert.x's client ({@link LoopPool}); on unless {@code FREEPORT_UPSTREAM_CLIENT=vertx}.
     */
    UpstreamClient(Vertx vertx, boolean raw) {
        this.raw = raw;
        HttpClientOptions options = new HttpClientOptions()
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                .setDecompressionSupported(true)
                .setMaxInitialLineLength(16 * 1024)
                .setMaxHeaderSize(64 * 1024)
                .setKeepAliveTimeout(KEEP_ALIVE_SECONDS);
        this.vertx = vertx;
        this.options = options;
        this.client = newClient();
    }

    private HttpClientAgent newClient() {
        return vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(POOL_SIZE).setMaxWaitQueueSize(-1));
    }

    /**
     * Opens a request to {@code baseUrl + request.path()} with the request's headers; nothing sent yet. On an event
     * loop it goes on one of that loop's own connections ({@link LoopPool}); elsewhere through the shared client.
     */
    public Future<HttpClientRequest> open(String baseUrl, UpstreamRequest request, Timeouts timeouts) {
        Base base = base(baseUrl);
        long connectMillis = timeouts.connect().toMillis();
        RequestOptions options = base.options(request, connectMillis);
        Loop loop = loop();
        if (loop != null) {
            return loop.pool(base).request(options, connectMillis);
        }
        return client.request(options).recover(t -> Future.failedFuture(connectFailure(t).toException()));
    }

    /**
     * Opens a request as {@link #open} does, for the gateway's providers: with the raw client switched on, a request
     * made on an event loop goes on that loop's own Netty channels ({@link RawCall}); otherwise over Vert.x's
     * client ({@link VertxCall}).
     */
    Future<UpstreamCall> call(String baseUrl, UpstreamRequest request, Timeouts timeouts) {
        if (!raw) {
            return open(baseUrl, request, timeouts).map(VertxCall::new);
        }
        Base base = base(baseUrl);
        long connectMillis = timeouts.connect().toMillis();
        RequestOptions options = base.options(request, connectMillis);
        Loop loop = loop();
        if (loop != null) {
            return loop.rawPool(base).call(options, connectMillis);
        }
        return client.request(options).<UpstreamCall>map(VertxCall::new)
                .recover(t -> Future.failedFuture(connectFailure(t).toException()));
    }

    /**
     * As {@link #call(String, UpstreamRequest, Timeouts)} to {@code base} (a base URL parsed once: {@link #base}),
     * the call (or the failure) handed to {@code done} once: on an event loop with the raw client, from the loop's
     * pool with no future between (at once when an idle channel is there).
     */
    void call(Base base, UpstreamRequest request, Timeouts timeouts, Completable<? super UpstreamCall> done) {
        Loop loop = raw ? loop() : null;
        if (loop == null) {
            call(base.url, request, timeouts).onComplete(done);
            return;
        }
        long connectMillis = timeouts.connect().toMillis();
        loop.rawPool(base).call(base.options(request, connectMillis), connectMillis, done);
    }

    /**
     * {@code baseUrl} parsed once (a plain get first: no lambda or lock on the usual path); a caller that sends to
     * one base URL keeps it ({@code HttpProvider}: no look-up per request).
     */
    Base base(String baseUrl) {
        Base base = bases.get(baseUrl);
        return base != null ? base : bases.computeIfAbsent(baseUrl, Base::parse);
    }

    /** The calling event loop's own, or null off the event loops (and on a loop's thread outside a context). */
    private Loop loop() {
        io.vertx.core.Context context = Vertx.currentContext();
        if (context == null || !context.isEventLoopContext() || !io.vertx.core.Context.isOnEventLoopThread()) {
            return null;
        }
        Thread t = Thread.currentThread();
        Loop own = perLoop.get(t);
        return own != null ? own : perLoop.computeIfAbsent(t, k -> new Loop());
    }

    /** This thread's pool for {@code baseUrl} (tests: what the pool holds). */
    LoopPool poolOf(String baseUrl) {
        Loop loop = loop();
        return loop == null ? null : loop.pool(bases.computeIfAbsent(baseUrl, Base::parse));
    }

    /** This thread's raw pool for {@code baseUrl} (tests: what the pool holds). */
    RawPool rawPoolOf(String baseUrl) {
        Loop loop = loop();
        return loop == null ? null : loop.rawPool(bases.computeIfAbsent(baseUrl, Base::parse));
    }

    /** The options {@link #open} sends {@code request} with (tests: what is prepared once). */
    RequestOptions options(String baseUrl, UpstreamRequest request, Timeouts timeouts) {
        return bases.computeIfAbsent(baseUrl, Base::parse).options(request, timeouts.connect().toMillis());
    }

    /** Maps a transport exception to a failure; never includes headers (keys) in the message. */
    public static UpstreamFailure connectFailure(Throwable t) {
        String local = localCause(t);
        if (local != null) {
            return UpstreamFailure.of(FailureKind.LOCAL, 0, "this gateway could not open a connection (" + local
                    + "); the upstream was not reached");
        }
        if (t instanceof TimeoutException || (t.getMessage() != null && t.getMessage().contains("timed out"))) {
            return UpstreamFailure.of(FailureKind.TIMEOUT, 0, "connect timeout");
        }
        if (t instanceof UnknownHostException) {
            return UpstreamFailure.of(FailureKind.CONNECT, 0, "unknown host " + t.getMessage());
        }
        if (t instanceof ConnectException) {
            return UpstreamFailure.of(FailureKind.CONNECT, 0, "connection refused");
        }
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return UpstreamFailure.of(FailureKind.CONNECT, 0, "connection failed: " + msg);
    }

    /**
     * What on this machine kept a request from leaving, or null: a socket that could not be created (Netty's
     * {@code ChannelException}: out of file descriptors, EMFILE/ENFILE), no free local port or buffer, or a full
     * connection pool.
     */
    static String localCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String msg = c.getMessage() == null ? "" : c.getMessage();
            if (msg.contains("Too many open files")) {
                return "out of file descriptors";
            }
            if (msg.contains("Cannot assign requested address") || msg.contains("No buffer space available")) {
                return "out of local ports or socket buffers";
            }
            if (c instanceof io.vertx.core.http.ConnectionPoolTooBusyException) {
                return "the connection pool is full";
            }
            if (c instanceof io.netty.channel.ChannelException) {
                return "no socket: " + msg;
            }
        }
        return null;
    }

    @Override
    public void close() {
        client.close();
        perLoop.values().forEach(loop -> loop.context.runOnContext(v -> {
            loop.pools.values().forEach(LoopPool::close);
            loop.rawPools.values().forEach(RawPool::close);
            loop.agent.close();
        }));
    }
}
