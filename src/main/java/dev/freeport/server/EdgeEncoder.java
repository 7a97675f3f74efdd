package dev.freeport.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
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
 * chunk was three buffers (its size line, its bytes, CRLF), the first one four (with the head). Here a whole answer
 * with a small body is written into one buffer allocated at its size ({@link #encodeWhole}), and a stream's buffers
 * after the first are appended to it (grown when needed) when they are small ({@link #MERGE_MAX}); larger bodies
 * go out as Netty writes them. Header lines are written through a per-thread array ({@link HeadBytes}).
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

    /**
     * a guess at the next head's size (its status line, headers and blank line): the last head's size and some room,
     * so that a whole answer's buffer is allocated once at its final size
     */
    private int headGuess = 512;
    /** a message of Netty's own framing is under way (a head sent alone, its contents still to come) */
    private boolean open;
    /** the connection it encodes for (the flow's headers of an answer wait there); null in tests of the encoder */
    private final EdgeConnection conn;

    EdgeEncoder(EdgeConnection conn) {
        this.conn = conn;
    }

    EdgeEncoder() {
        this(null);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out) throws Exception {
        if (!open && msg instanceof FullHttpResponse whole && encodeWhole(ctx, whole, out)) {
            return;
        }
        if (msg instanceof HttpMessage) {
            open = !(msg instanceof LastHttpContent);
        } else if (msg instanceof LastHttpContent) {
            open = false;
        }
        super.encode(ctx, msg, out);
        if (out.size() > 1) {
            merge(out);
        }
    }

    /**
     * A whole answer with a small body that has a length (no chunks, not an answer to HEAD, no 1xx, 204 or 304):
     * its status line, headers and body written into one buffer allocated at once at its size. Netty's encoder
     * allocates the head's buffer from a running average of head sizes, which a body rarely fits: the buffer then
     * grew (a second allocation and a copy) and, without {@code sun.misc.Unsafe}, every copy between a heap body and
     * the direct buffer made {@code java.nio} views of both. The body's bytes are copied from its array.
     *
     * @return false (nothing written) when the answer is not one of these: Netty's encoder writes it
     */
    private boolean encodeWhole(ChannelHandlerContext ctx, FullHttpResponse whole, List<Object> out) throws Exception {
        ByteBuf body = whole.content();
        int length = body.readableBytes();
        if (length > (body.hasArray() ? MERGE_MAX : MERGE_MAX_DIRECT) || isContentAlwaysEmpty(whole)
                || HttpUtil.isTransferEncodingChunked(whole)) {
            return false;
        }
        try {
            ByteBuf buf = ctx.alloc().buffer(headGuess + length);
            int start = buf.writerIndex();
            encodeInitialLine(buf, whole);
            sanitizeHeadersBeforeEncode(whole, false);
            encodeHeaders(whole.headers(), buf);
            ByteBufUtil.writeShortBE(buf, CRLF);
            int head = buf.writerIndex() - start;
            headGuess = head + (head >> 3) + 16;
            append(buf, body);
            out.add(buf);
        } finally {
            whole.release();
        }
        return true;
    }

    private static final int CRLF = ('\r' << 8) | '\n';

    /**
     * Writes {@code from}'s readable bytes after {@code to}'s, from its array when it has one: a copy from a ByteBuf
     * made {@code java.nio} views of both when Netty runs without {@code sun.misc.Unsafe}.
     */
    private static void append(ByteBuf to, ByteBuf from) {
        if (from.hasArray()) {
            to.writeBytes(from.array(), from.arrayOffset() + from.readerIndex(), from.readableBytes());
        } else {
            to.writeBytes(from, from.readerIndex(), from.readableBytes());
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
            append(first, b);
            b.release();
        }
        out.subList(1, out.size()).clear();
    }

    /**
     * The flow's headers of the answer ({@link AnswerHead}, kept on the connection) first, in the order added; then
     * the headers in Vert.x's map are written as Vert.x writes them ({@code name: value} and CRLF each, in the map's
     * order, a character over 255 as {@code ?}), but into a per-thread array first and copied into the buffer at
     * once: Vert.x wrote a String value character by character into the direct buffer, each byte a bounds-checked
     * {@code java.nio} put through the pooled buffer's layers.
     */
    @Override
    protected void encodeHeaders(HttpHeaders headers, ByteBuf buf) {
        AnswerHead flow = conn == null ? null : conn.headFor(headers);
        if (flow != null) {
            HeadBytes.write(flow, buf);
            conn.headWritten(flow);
        }
        if (!(headers instanceof HeadersMultiMap vertx)) {
            super.encodeHeaders(headers, buf);
        } else if (CACHE_IMMUTABLE_HEADERS) {
            vertx.encode(buf, true);
        } else {
            HeadBytes.write(vertx, buf);
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
