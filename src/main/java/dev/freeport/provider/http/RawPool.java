package dev.freeport.provider.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.UpstreamFailure;
import io.vertx.core.Completable;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.internal.ContextInternal;

import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeoutException;

/**
 * {@link LoopPool}'s job without Vert.x's client: one event loop's own keep-alive HTTP/1.1 channels to one upstream
 * (host, port, TLS), made with the Vert.x transport's channel factory (epoll) on the loop itself, each carrying one
 * {@link RawCall} at a time. Per request there is no header copy, no {@code HttpRequestHead}, no URI string and no
 * stream object: the request head is encoded once per prepared {@link RequestOptions} ({@link RawHead}), the answer
 * is read with Netty's {@code HttpResponseDecoder} (and {@code HttpContentDecompressor}: gzip answers arrive
 * decompressed). The same rules as {@link LoopPool}: most recently used first; a channel whose answer said
 * {@code Connection: close} (or HTTP/1.0 without keep-alive), or that failed, is closed; one the server closed is
 * dropped (when idle, it is found closed before anything is sent and the request takes another); idle ones close
 * after the keep-alive time; at most {@code maxConnections} open or opening, then up to {@code maxWaiters} requests
 * wait, each at most its connect timeout, and beyond that fail as a full pool. TLS: Netty's {@link SslHandler} from
 * one JDK-provider context with the JDK trust store, SNI and host name verification for the host; a request goes
 * out only after the handshake. Confined to its event loop.
 */
final class RawPool {
    private final Vertx vertx;
    private final Bootstrap bootstrap;
    /** the event loop this pool is confined to */
    private final io.netty.channel.EventLoop loop;
    private final SslContext tls;
    private final String host;
    private final int port;
    private final int maxConnections;
    private final int maxWaiters;
    private final long keepAliveNanos;
    private final ArrayDeque<RawConn> idle = new ArrayDeque<>();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private final RawHead heads;
    private final long sweeper;
    private int open;
    private boolean closed;

    /** A request waiting for a channel: the pool was at its bound. */
    private static final class Waiter {
        final RawAsk ask;
        long timer = -1;

        Waiter(RawAsk ask) {
            this.ask = ask;
        }
    }

    RawPool(Vertx vertx, ContextInternal loop, String host, int port, SslContext tls, int maxConnections,
            int maxWaiters, long keepAliveMillis) {
        this.vertx = vertx;
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.maxConnections = maxConnections;
        this.maxWaiters = maxWaiters;
        this.keepAliveNanos = keepAliveMillis * 1_000_000L;
        this.heads = new RawHead(host, port, tls != null);
        this.loop = loop.nettyEventLoop();
        this.bootstrap = new Bootstrap().group(this.loop)
                .channelFactory(loop.owner().transport().channelFactory(false))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                // Vert.x's own resolver, as its client uses: Netty's default resolves a name blocking the event loop
                .resolver(((io.vertx.core.internal.VertxInternal) vertx).nameResolver().nettyAddressResolverGroup())
                .remoteAddress(host, port);
        this.sweeper = vertx.setPeriodic(Math.max(1000, keepAliveMillis / 2), id -> closeExpired());
    }

    /**
     * The decoder of a channel's answers: status line and head (up to 16 KiB / 64 KiB), body pieces of 8 KiB, the
     * head's and the trailers' fields kept in {@link AnswerHeaders} (no map entry per header, no validation of each),
     * the usual status-line words and header names shared constants ({@link AnswerHeadDecoder}).
     */
    static io.netty.handler.codec.http.HttpResponseDecoder answerDecoder() {
        return new AnswerHeadDecoder(answerConfig());
    }

    /** The answer decoder's limits and header maps. */
    static HttpDecoderConfig answerConfig() {
        return new HttpDecoderConfig().setMaxInitialLineLength(16 * 1024).setMaxHeaderSize(64 * 1024)
                .setMaxChunkSize(8192).setHeadersFactory(AnswerHeaders.FACTORY)
                .setTrailersFactory(AnswerHeaders.FACTORY);
    }

    /** A request on one of this loop's channels, with {@code options}' method, URI and headers; nothing sent. */
    Future<UpstreamCall> call(RequestOptions options, long connectMillis) {
        Promise<UpstreamCall> promise = ContextInternal.current().promise();
        call(options, connectMillis, promise);
        return promise.future();
    }

    /**
     * As {@link #call(RequestOptions, long)}, the call (or the failure) handed to {@code done} once, on the caller's
     * context: at once when an idle channel is there (the usual case), with no promise between.
     */
    void call(RequestOptions options, long connectMillis, Completable<? super UpstreamCall> done) {
        ContextInternal context = ContextInternal.current();
        byte[] head;
        try {
            head = heads.of(options);
        } catch (IllegalArgumentException e) {
            done.fail(UpstreamFailure.of(FailureKind.LOCAL, 0, e.getMessage()).toException());
            return;
        }
        RawConn c = closed ? null : idleConn();
        if (c != null) { // the usual case: an idle channel, handed over at once (no ask to remember)
            RawCall call = new RawCall(c, context, head);
            c.call = call;
            done.succeed(call);
            return;
        }
        acquire(new RawAsk(head, context, connectMillis, done));
    }

    /** The most recently used idle channel that is still good, or null; the expired and closed ones are closed. */
    private RawConn idleConn() {
        long now = System.nanoTime();
        RawConn c;
        while ((c = idle.pollLast()) != null) {
            if (c.dead) {
                continue;
            }
            if (now - c.idleSince > keepAliveNanos || !c.channel.isActive()) { // expired, or closed unseen
                retire(c);
                continue;
            }
            return c;
        }
        return null;
    }

    private void acquire(RawAsk ask) {
        if (closed) {
            fail(ask, new IllegalStateException("the upstream client is closed"));
            return;
        }
        if (open < maxConnections) {
            open++;
            connect(ask);
        } else if (waiters.size() >= maxWaiters) {
            fail(ask, new ConnectionPoolTooBusyException("connection pool reached its wait queue's size "
                    + maxWaiters));
        } else {
            Waiter w = new Waiter(ask);
            if (ask.connectMillis > 0) {
                w.timer = vertx.setTimer(ask.connectMillis, id -> {
                    if (waiters.remove(w)) {
                        fail(w.ask,
                                new TimeoutException("no connection within the connect timeout: timed out"));
                    }
                });
            }
            waiters.add(w);
        }
    }

    private void connect(RawAsk ask) {
        long connectMillis = ask.connectMillis;
        RawConn c = new RawConn(this);
        Bootstrap b = bootstrap.clone().handler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                if (tls != null) {
                    SslHandler ssl = tls.newHandler(ch.alloc(), host, port);
                    javax.net.ssl.SSLParameters params = ssl.engine().getSSLParameters();
                    params.setEndpointIdentificationAlgorithm("HTTPS");
                    ssl.engine().setSSLParameters(params);
                    ch.pipeline().addLast(ssl);
                }
                ch.pipeline().addLast(answerDecoder(), new HttpContentDecompressor(0), c);
            }
        });
        if (connectMillis > 0) {
            b.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectMillis));
        }
        ChannelFuture connecting;
        try {
            connecting = b.connect();
        } catch (RuntimeException e) { // no channel could even be made: fail this request, not the caller's step
            c.dead = true;
            open--;
            fail(ask, e);
            return;
        }
        c.channel = connecting.channel();
        connecting.addListener(f -> {
            if (!loop.inEventLoop()) {
                // a channel that could not be created (out of file descriptors: EMFILE) fails on Netty's global
                // executor, not on this loop: the pool is only touched on its loop
                loop.execute(() -> made(c, f.isSuccess() ? null : f.cause(), ask));
            } else if (!f.isSuccess()) {
                made(c, f.cause(), ask);
            } else if (tls != null) {
                c.channel.pipeline().get(SslHandler.class).handshakeFuture().addListener(h ->
                        made(c, h.isSuccess() ? null : h.cause(), ask));
            } else {
                made(c, null, ask);
            }
        });
    }

    /** A connect (and TLS handshake) ended: the channel serves the request, or the failure fails it. */
    private void made(RawConn c, Throwable failure, RawAsk ask) {
        if (failure != null) {
            if (!c.dead) {
                c.dead = true;
                open--;
                if (c.channel.isRegistered()) { // a channel never created (EMFILE) is Netty's FailedChannel: no loop
                    c.channel.close();
                }
            }
            fail(ask, failure);
            connectForWaiter();
            return;
        }
        if (c.dead) { // closed during the handshake
            fail(ask, new ClosedChannelException());
            return;
        }
        if (closed) {
            retire(c);
            fail(ask, new IllegalStateException("the upstream client is closed"));
        } else if (ask.settled()) { // timed out meanwhile: the channel serves others
            release(c);
        } else {
            hand(c, ask);
        }
    }

    private void hand(RawConn c, RawAsk ask) {
        RawCall call = new RawCall(c, ask.context, ask.head);
        c.call = call;
        if (!ask.settle(call, null)) {
            c.call = null;
            release(c);
        }
    }

    /** The current call's answer ended: the channel returns, or closes when the answer said so. */
    void answered(RawConn c, boolean keepAlive) {
        c.call = null;
        if (!c.channel.config().isAutoRead()) { // a paused answer left it off (an atomic swap per request otherwise)
            c.channel.config().setAutoRead(true);
        }
        if (keepAlive) {
            release(c);
        } else {
            retire(c);
        }
    }

    private void release(RawConn c) {
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
            hand(c, w.ask);
            return;
        }
        c.idleSince = System.nanoTime();
        idle.addLast(c);
    }

    /** Closes a channel the pool will not hand out again. */
    void retire(RawConn c) {
        c.call = null;
        if (!c.dead) {
            c.dead = true;
            open--;
            idle.remove(c);
            c.channel.close();
            connectForWaiter();
        }
    }

    void closed(RawConn c) {
        if (!c.dead) {
            c.dead = true;
            open--;
            idle.remove(c);
            connectForWaiter();
        }
    }

    /** A channel left: the first waiter (if any) gets a new one. */
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
            connect(w.ask);
        }
    }

    /** Idle channels past the keep-alive time, oldest first. */
    private void closeExpired() {
        long now = System.nanoTime();
        RawConn c;
        while ((c = idle.peekFirst()) != null && now - c.idleSince > keepAliveNanos) {
            retire(c);
        }
    }

    /** Fails as {@link UpstreamClient#open} does: the transport's exception mapped to an upstream failure. */
    private static void fail(RawAsk ask, Throwable cause) {
        ask.settle(null, UpstreamClient.connectFailure(cause).toException());
    }

    int open() {
        return open;
    }

    int idle() {
        return idle.size();
    }

    /** The most recently used idle channel, or null (tests: its send buffer). */
    RawConn lastIdle() {
        return idle.peekLast();
    }

    int waiting() {
        return waiters.size();
    }

    /** Closes every idle channel and fails the waiters; channels in use close when their answer ends. */
    void close() {
        closed = true;
        vertx.cancelTimer(sweeper);
        Waiter w;
        while ((w = waiters.poll()) != null) {
            if (w.timer >= 0) {
                vertx.cancelTimer(w.timer);
            }
            fail(w.ask, new IllegalStateException("the upstream client is closed"));
        }
        RawConn c;
        while ((c = idle.pollLast()) != null) {
            retire(c);
        }
    }
}
