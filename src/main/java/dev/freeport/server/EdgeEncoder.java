package dev.freeport.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.vertx.core.http.impl.headers.HeadersMultiMap;
import io.vertx.core.impl.SysProps;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Vert.x's HTTP/1.1 response encoder, writing each message with a small body as one buffer. Netty's encoder copies
 * a body into the head's buffer only when it fits the room the buffer happens to have (the head's buffer is sized
 * from a running average of head sizes); a typical JSON answer (a 400-byte head, a 500-byte body) did not, and went
 * out as two buffers: a {@code PromiseCombiner} and two more channel promises per answer, two entries in the
 * channel's outbound buffer, and the heap body copied into a direct buffer of its own for the socket. A stream's
 * chunk was three buffers (its size line, its bytes, CRLF), the first one four (with the head). Here the buffers
 * after the first are appended to it (grown when needed) when they are small ({@link #MERGE_MAX}); larger bodies
 * go out as Netty writes them.
 * <p>
 * It stands in for Vert.x's {@code VertxHttpResponseEncoder} (a final class) with the same two differences from
 * Netty's: headers in Vert.x's map are written by that map, and a Vert.x answer to HEAD has no body. The latter needs
 * a package-private method of Vert.x, looked up once; without it (another Vert.x) the edge keeps Vert.x's encoder
 * ({@link #AVAILABLE}).
 */
final class EdgeEncoder extends HttpResponseEncoder {
    private static final Logger LOG = Logger.getLogger(EdgeEncoder.class.getName());
    /**
     * heap bodies up to this size are appended to the head's buffer (the socket copies a heap body into direct memory
     * anyway; a larger one is written as it is)
     */
    static final int MERGE_MAX = 16 * 1024;
    /** a direct body is copied only when it is this small */
    static final int MERGE_MAX_DIRECT = 1024;
    private static final boolean CACHE_IMMUTABLE_HEADERS = SysProps.CACHE_IMMUTABLE_HTTP_RESPONSE_HEADERS.getBoolean();
    /** Vert.x's whole answers (head and body in one message) */
    private static final Class<?> ASSEMBLED = vertxClass("io.vertx.core.http.impl.VertxAssembledHttpResponse");
    /** whether a Vert.x answer answers HEAD (then its body is not sent) */
    private static final MethodHandle HEAD = headMethod();
    /** whether this Vert.x has what the encoder needs */
    static final boolean AVAILABLE = ASSEMBLED != null && HEAD != null;

    @Override
    protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out) throws Exception {
        super.encode(ctx, msg, out);
        if (out.size() > 1) {
            merge(out);
        }
    }

    /**
     * Appends the buffers after the first to the first when they are small. A message Netty encodes into more than
     * one buffer always starts with one the encoder allocated itself (a head, or a chunk's size line): writing after
     * its end touches no one else's bytes.
     */
    static void merge(List<Object> out) {
        if (!(out.get(0) instanceof ByteBuf first) || first.isReadOnly()) {
            return;
        }
        int extra = 0;
        for (int i = 1; i < out.size(); i++) {
            if (!(out.get(i) instanceof ByteBuf b) || b.readableBytes() > (b.isDirect() ? MERGE_MAX_DIRECT : MERGE_MAX)) {
                return; // a file region, or a body worth writing as it is
            }
            extra += b.readableBytes();
        }
        if (extra > MERGE_MAX || first.maxWritableBytes() < extra) {
            return;
        }
        first.ensureWritable(extra);
        for (int i = 1; i < out.size(); i++) {
            ByteBuf b = (ByteBuf) out.get(i);
            first.writeBytes(b, b.readerIndex(), b.readableBytes());
            b.release();
        }
        out.subList(1, out.size()).clear();
    }

    @Override
    protected void encodeHeaders(HttpHeaders headers, ByteBuf buf) {
        if (headers instanceof HeadersMultiMap vertx) {
            vertx.encode(buf, CACHE_IMMUTABLE_HEADERS);
        } else {
            super.encodeHeaders(headers, buf);
        }
    }

    @Override
    protected boolean isContentAlwaysEmpty(HttpResponse msg) {
        return ASSEMBLED.isInstance(msg) && answersHead(msg) || super.isContentAlwaysEmpty(msg);
    }

    private static boolean answersHead(HttpResponse msg) {
        try {
            return (boolean) HEAD.invokeExact(msg);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> vertxClass(String name) {
        try {
            return Class.forName(name, false, HeadersMultiMap.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            LOG.log(Level.FINE, "no " + name + ": Vert.x's response encoder stays", e);
            return null;
        }
    }

    private static MethodHandle headMethod() {
        Class<?> response = vertxClass("io.vertx.core.http.impl.VertxHttpResponse");
        if (response == null) {
            return null;
        }
        try {
            return MethodHandles.privateLookupIn(response, MethodHandles.lookup())
                    .findVirtual(response, "head", MethodType.methodType(boolean.class))
                    .asType(MethodType.methodType(boolean.class, HttpResponse.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "no VertxHttpResponse.head(): Vert.x's response encoder stays", e);
            return null;
        }
    }
}
