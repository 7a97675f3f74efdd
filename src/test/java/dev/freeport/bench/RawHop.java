package dev.freeport.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.buffer.BufferInternal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * {@code BareRelay --client netty}: the upstream hop on raw Netty channels bootstrapped on the server request's own
 * event loop with the transport's channel factory (epoll here), Netty's {@link HttpResponseDecoder} reading the
 * answer, the request head pre-encoded once per (URI, content type, authorization) with only Content-Length written
 * per request, head and body in one direct buffer (the copy the epoll channel would make of a heap body anyway).
 * Keep-alive channels are reused most-recent-first. Vert.x's context is made current around callbacks, as gateway
 * code would need. A measuring tool, not a client: no timeouts, no bounds, no TLS, no gzip.
 */
final class RawHop {
    private final ContextInternal context;
    private final Bootstrap bootstrap;
    private final String host;
    private final ArrayDeque<Channel> idle = new ArrayDeque<>();
    private String headKey;
    private ByteBuf head;

    RawHop(ContextInternal context, String host, int port) {
        this.context = context;
        this.host = host + ":" + port;
        this.bootstrap = new Bootstrap().group(context.nettyEventLoop())
                .channelFactory(context.owner().transport().channelFactory(false))
                .option(ChannelOption.TCP_NODELAY, true)
                .remoteAddress(host, port)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpResponseDecoder(), new Answer(ch));
                    }
                });
    }

    void relay(HttpServerRequest req) {
        String uri = req.uri();
        String type = req.getHeader(HttpHeaders.CONTENT_TYPE);
        String auth = req.getHeader(HttpHeaders.AUTHORIZATION);
        HttpServerResponse resp = req.response();
        req.body().onComplete(read -> {
            if (read.failed()) {
                resp.setStatusCode(502).end();
                return;
            }
            ByteBuf body = ((BufferInternal) read.result()).getByteBuf();
            ByteBuf h = head(req.method().name(), uri, type, auth);
            Channel ch = idle.pollLast();
            while (ch != null && !ch.isActive()) {
                ch = idle.pollLast();
            }
            if (ch != null) {
                send(ch, h, body, resp);
                return;
            }
            bootstrap.connect().addListener(f -> {
                if (!f.isSuccess()) {
                    resp.setStatusCode(502).end();
                    return;
                }
                send(((io.netty.channel.ChannelFuture) f).channel(), h, body, resp);
            });
        });
    }

    private void send(Channel ch, ByteBuf h, ByteBuf body, HttpServerResponse resp) {
        ((Answer) ch.pipeline().last()).to = resp;
        int length = body.readableBytes();
        ByteBuf out = ch.alloc().directBuffer(h.readableBytes() + 16 + length);
        out.writeBytes(h, h.readerIndex(), h.readableBytes());
        ByteBufUtil.writeAscii(out, Integer.toString(length));
        out.writeShort(('\r' << 8) | '\n').writeShort(('\r' << 8) | '\n');
        out.writeBytes(body, body.readerIndex(), length);
        ch.writeAndFlush(out, ch.voidPromise());
    }

    /** The request head up to the Content-Length value, encoded once per URI and header set. */
    private ByteBuf head(String method, String uri, String type, String auth) {
        String key = method + ' ' + uri + '\n' + type + '\n' + auth;
        if (!key.equals(headKey)) {
            StringBuilder b = new StringBuilder(method).append(' ').append(uri).append(" HTTP/1.1\r\nHost: ")
                    .append(host).append("\r\n");
            if (type != null) {
                b.append("Content-Type: ").append(type).append("\r\n");
            }
            if (auth != null) {
                b.append("Authorization: ").append(auth).append("\r\n");
            }
            b.append("Content-Length: ");
            head = Unpooled.unreleasableBuffer(Unpooled.directBuffer().writeBytes(
                    b.toString().getBytes(StandardCharsets.ISO_8859_1)));
            headKey = key;
        }
        return head;
    }

    /** One channel's answer reader: relays status, type, length and bytes to the current server response. */
    private final class Answer extends ChannelInboundHandlerAdapter {
        private final Channel ch;
        HttpServerResponse to;
        private boolean keep;

        Answer(Channel ch) {
            this.ch = ch;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ContextInternal prev = context.beginDispatch();
            try {
                read(msg);
            } finally {
                context.endDispatch(prev);
            }
        }

        private void read(Object msg) {
            HttpServerResponse resp = to;
            if (msg instanceof HttpResponse r) {
                keep = HttpUtil.isKeepAlive(r);
                resp.setStatusCode(r.status().code());
                String type = r.headers().get(HttpHeaderNames.CONTENT_TYPE);
                if (type != null) {
                    resp.putHeader(HttpHeaders.CONTENT_TYPE, type);
                }
                String length = r.headers().get(HttpHeaderNames.CONTENT_LENGTH);
                if (length != null) {
                    resp.putHeader(HttpHeaders.CONTENT_LENGTH, length);
                } else {
                    resp.setChunked(true);
                }
            }
            if (msg instanceof HttpContent c) {
                ByteBuf bytes = c.content();
                if (bytes.isReadable()) {
                    Buffer chunk = BufferInternal.safeBuffer(bytes);
                    if (msg instanceof LastHttpContent) {
                        to = null;
                        resp.end(chunk);
                        done();
                    } else {
                        resp.write(chunk);
                    }
                } else {
                    bytes.release();
                    if (msg instanceof LastHttpContent) {
                        to = null;
                        resp.end();
                        done();
                    }
                }
            }
        }

        private void done() {
            if (keep) {
                idle.addLast(ch);
            } else {
                ch.close();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            HttpServerResponse resp = to;
            to = null;
            idle.remove(ch);
            if (resp != null) {
                resp.reset();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
