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
import io.vertx.core.http.RequestOptions;
import io.vertx.core.internal.ContextInternal;

/**
 * {@link LoopPool}'s job without Vert.x's client: one event loop's own keep-alive HTTP/1.1 channels to one upstream
 * (host, port, TLS), made with the Vert.x transport's channel factory (epoll) on the loop itself, each carrying one
 * {@link RawCall} at a time. Per request there is no header copy, no {@code HttpRequestHead}, no URI string and no
 * stream object: the request head is encoded once per prepared {@link RequestOptions} ({@link RawHead}), the answer
 * is read with Netty's {@code HttpResponseDecoder} (and {@code HttpContentDecompressor}: gzip answers arrive
 * decompressed). The pool's rules are {@link KeepAlivePool}'s (shared with {@link LoopPool}): most recently used
 * first, bounded connections and waiters, keep-alive expiry; here a channel whose answer said
 * {@code Connection: close} (or HTTP/1.0 without keep-alive), or that failed, is closed, and an idle one the server
 * closed is found closed before anything is sent (the request takes another). TLS: Netty's {@link SslHandler} from
 * one JDK-provider context with the JDK trust store, SNI and host name verification for the host; a request goes
 * out only after the handshake. Confined to its event loop.
 */
final class RawPool extends KeepAlivePool<RawConn, RawAsk> {
    private final Bootstrap bootstrap;
    /** the event loop this pool is confined to */
    private final io.netty.channel.EventLoop loop;
    private final SslContext tls;
    private final String host;
    private final int port;
    private final RawHead heads;

    RawPool(Vertx vertx, ContextInternal loop, String host, int port, SslContext tls, int maxConnections,
            int maxWaiters, long keepAliveMillis) {
        super(vertx, maxConnections, maxWaiters, keepAliveMillis);
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.heads = new RawHead(host, port, tls != null);
        this.loop = loop.nettyEventLoop();
        this.bootstrap = new Bootstrap().group(this.loop)
                .channelFactory(loop.owner().transport().channelFactory(false))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                // Vert.x's own resolver, as its client uses: Netty's default resolves a name blocking the event loop
                .resolver(((io.vertx.core.internal.VertxInternal) vertx).nameResolver().nettyAddressResolverGroup())
                .remoteAddress(host, port);
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
        RawConn c = idleConn();
        if (c != null) { // the usual case: an idle channel, handed over at once (no ask to remember)
            RawCall call = new RawCall(c, context, head);
            c.call = call;
            done.succeed(call);
            return;
        }
        acquire(new RawAsk(head, context, connectMillis, done));
    }

    @Override
    boolean closedUnseen(RawConn c) {
        return !c.channel.isActive();
    }

    @Override
    long connectMillis(RawAsk ask) {
        return ask.connectMillis;
    }

    @Override
    void connect(RawAsk ask) {
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
            c.slot().dead = true;
            notMade();
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
            connectFailed(c, ask, failure);
        } else {
            connected(c, ask, ask.settled());
        }
    }

    @Override
    void hand(RawConn c, RawAsk ask, boolean fresh) {
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

    /** Closes a channel the pool will not hand out again; its call, if any, is no longer its reader. */
    @Override
    void retire(RawConn c) {
        c.call = null;
        super.retire(c);
    }

    @Override
    void closeTransport(RawConn c) {
        if (c.channel.isRegistered()) { // a channel never created (EMFILE) is Netty's FailedChannel: no loop
            c.channel.close();
        }
    }

    /** Fails as {@link UpstreamClient#open} does: the transport's exception mapped to an upstream failure. */
    @Override
    void fail(RawAsk ask, Throwable cause) {
        ask.settle(null, UpstreamClient.connectFailure(cause).toException());
    }
}
