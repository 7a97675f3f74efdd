package dev.freeport.provider.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.internal.ContextInternal;

import java.nio.channels.ClosedChannelException;

/**
 * One of {@link RawPool}'s channels: what the pool knows of it, the reader that hands its answers to the current
 * {@link RawCall} (the caller's Vert.x context made current), and its send buffer. HTTP/1.1 carries one request at a
 * time on a channel, so the direct buffer a request head and body are written into is kept while the channel lives
 * and used again by the next request (one pooled allocation per channel, not per request): the channel holds one
 * reference, a write another until the transport has sent it. A request finds it free again when only the channel's
 * reference is left; when the last write still holds it, or the request needs more than it holds, or more than
 * {@link #KEPT_UP_TO}, the request gets a buffer of its own (a kept one is replaced by a larger one up to that size).
 * Released when the channel closes. Confined to the pool's event loop.
 */
final class RawConn extends ChannelInboundHandlerAdapter implements KeepAlivePool.Pooled {
    /** the kept send buffer's first size: a usual chat request's head and body (~1 KiB in the benchmark) fit */
    static final int KEPT_FIRST = 4096;
    /** the largest send buffer a channel keeps: larger requests (long prompts) get one of their own each time */
    static final int KEPT_UP_TO = 16 * 1024;

    final RawPool pool;
    Channel channel;
    RawCall call;
    private final KeepAlivePool.Slot slot = new KeepAlivePool.Slot();
    /** the kept send buffer (this channel's reference), or null before the first request and after the close */
    private ByteBuf sendBuffer;

    RawConn(RawPool pool) {
        this.pool = pool;
    }

    @Override
    public KeepAlivePool.Slot slot() {
        return slot;
    }

    /**
     * An empty direct buffer of at least {@code need} bytes for one request, which the write releases: the kept one
     * (retained for the write) when it is free and large enough, else a new one.
     */
    ByteBuf sendBuffer(int need) {
        ByteBuf kept = sendBuffer;
        if (kept != null && kept.refCnt() == 1 && kept.capacity() >= need) {
            return kept.clear().retain();
        }
        if (need > KEPT_UP_TO || slot.dead) {
            return channel.alloc().directBuffer(need);
        }
        if (kept != null) {
            kept.release(); // a write still holding it frees it when it is done
        }
        kept = channel.alloc().directBuffer(Math.max(need, KEPT_FIRST));
        sendBuffer = kept;
        return kept.retain();
    }

    /** The kept send buffer (tests), or null. */
    ByteBuf keptSendBuffer() {
        return sendBuffer;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        RawCall c = call;
        if (c == null) { // nothing asked for it: a stray answer; the channel cannot be trusted
            ReferenceCountUtil.release(msg);
            pool.retire(this);
            return;
        }
        ContextInternal context = c.context();
        ContextInternal prev = context.beginDispatch();
        try {
            c.read(msg);
        } finally {
            context.endDispatch(prev);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        pool.closed(this);
        broke(new ClosedChannelException());
        freeSendBuffer();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        freeSendBuffer(); // the channel deregistered without going inactive first (never active)
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        broke(cause);
        ctx.close();
    }

    private void freeSendBuffer() {
        ByteBuf kept = sendBuffer;
        if (kept != null) {
            sendBuffer = null;
            kept.release();
        }
    }

    private void broke(Throwable cause) {
        RawCall c = call;
        if (c != null) {
            call = null;
            ContextInternal context = c.context();
            ContextInternal prev = context.beginDispatch();
            try {
                c.broke(cause);
            } finally {
                context.endDispatch(prev);
            }
        }
    }
}
