package dev.freeport.provider.http;

import dev.freeport.json.WrittenBody;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.vertx.core.Completable;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.impl.headers.HeadersAdaptor;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.buffer.BufferInternal;

import java.util.ArrayDeque;

/**
 * One request on one of {@link RawPool}'s channels: the request head pre-encoded by the pool (all but the
 * Content-Length value), written with the body into its channel's kept send buffer ({@link RawConn}), then the
 * answer as Netty's {@code HttpResponseDecoder} (and {@code HttpContentDecompressor}) hand it over: the head goes to
 * {@link #sendRequest}'s listener (or completes {@link #send}'s future), each piece of the body is lent to the handler
 * as a Vert.x buffer over the decoder's pooled memory (no copy; released when the handler returns: see
 * {@link UpstreamCall.Answer#handler}), pieces that arrive while paused (or before a handler) wait in order as heap
 * copies of their own. The channel goes back to the pool when the answer ended, whether or not its pieces were
 * consumed yet. Runs on the channel's event loop, with the caller's Vert.x context current in every callback.
 */
final class RawCall implements UpstreamCall, UpstreamCall.Answer {
    private static final int CRLF = ('\r' << 8) | '\n';
    private static final Object END = new Object();

    private final RawConn conn;
    private final ContextInternal context;
    private final byte[] head;
    /** who hears of the answer's head (or the failure before it), once: null until the request is sent */
    private Completable<? super Answer> answered;
    private boolean answerSettled;
    private HttpResponse response;
    private MultiMap headers;
    private boolean keepAlive;
    private Handler<Buffer> handler;
    private Handler<Void> endHandler;
    private Handler<Throwable> exceptionHandler;
    private Throwable failure;
    private boolean paused;
    /** pieces (and the end) not delivered yet: arrived while paused or before a handler */
    private ArrayDeque<Object> queued;
    /** the channel is no longer this call's: the answer ended, failed, or the call was reset */
    private boolean finished;

    RawCall(RawConn conn, ContextInternal context, byte[] head) {
        this.conn = conn;
        this.context = context;
        this.head = head;
    }

    ContextInternal context() {
        return context;
    }

    @Override
    public Future<Answer> send(Buffer body) {
        Promise<Answer> answer = context.promise();
        send(body, answer);
        return answer.future();
    }

    private void send(Buffer body, Completable<? super Answer> done) {
        ByteBuf bytes = body == null ? null : Lent.bytesOf(body);
        int length = bytes == null ? 0 : bytes.readableBytes();
        ByteBuf out = started(length, done);
        if (out == null) {
            return;
        }
        if (bytes != null && bytes.hasArray()) { // from the array: no NIO view of a heap buffer (Netty without Unsafe)
            out.writeBytes(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), length);
        } else if (bytes != null) {
            out.writeBytes(bytes, bytes.readerIndex(), length);
        }
        conn.channel.writeAndFlush(out, conn.channel.voidPromise());
    }

    @Override
    public Future<Answer> sendRequest(UpstreamRequest request) {
        Promise<Answer> answer = context.promise();
        sendRequest(request, answer);
        return answer.future();
    }

    /**
     * A written body (the caller's body with the codec's edits) is written straight after the head, into the one
     * direct buffer sent: no heap copy of it first. It writes itself again for a retry. The answer's head goes to
     * {@code done} from the channel's read, with no promise between.
     */
    @Override
    public void sendRequest(UpstreamRequest request, Completable<? super Answer> done) {
        WrittenBody written = request.written();
        if (written == null) {
            send(request.bytes(), done);
            return;
        }
        int length = written.length();
        ByteBuf out = started(length, done);
        if (out == null) {
            return;
        }
        int end = out.writerIndex() + length;
        try {
            written.writeTo(out);
            if (out.writerIndex() != end) {
                throw new IllegalStateException("a written body of " + length + " bytes wrote "
                        + (out.writerIndex() - end + length));
            }
        } catch (RuntimeException e) {
            out.release();
            settle(null, e);
            return;
        }
        conn.channel.writeAndFlush(out, conn.channel.voidPromise());
    }

    /**
     * {@code done} told of the answer to come, and the channel's send buffer holding the head with a Content-Length
     * of {@code length}, room for the body after it; null ({@code done} failed) when the call was already reset.
     */
    private ByteBuf started(int length, Completable<? super Answer> done) {
        answered = done;
        if (finished) {
            settle(null, failure != null ? failure : new IllegalStateException("the request was reset"));
            return null;
        }
        ByteBuf out = conn.sendBuffer(head.length + 14 + length);
        out.writeBytes(head);
        writeDigits(out, length);
        out.writeShort(CRLF).writeShort(CRLF);
        return out;
    }

    /** {@code n >= 0} in decimal ASCII, without the String {@code Integer.toString} makes. */
    private static void writeDigits(ByteBuf out, int n) {
        int digits = 1;
        for (int v = n; v >= 10; v /= 10) {
            digits++;
        }
        int at = out.writerIndex() + digits;
        out.ensureWritable(digits);
        for (int v = n, i = at - 1; i >= at - digits; v /= 10, i--) {
            out.setByte(i, '0' + v % 10);
        }
        out.writerIndex(at);
    }

    @Override
    public void reset() {
        if (!finished) {
            finished = true;
            fail(new IllegalStateException("the request was reset"));
            conn.pool.retire(conn);
        }
    }

    /** A message of this call's answer, from the channel (the caller's context made current). */
    void read(Object msg) {
        if (msg instanceof HttpResponse r) {
            if (r.decoderResult().isFailure()) {
                broke(r.decoderResult().cause());
                return;
            }
            if (r.status().code() / 100 == 1) { // 100 Continue and other interim answers: the final one follows
                return;
            }
            response = r;
            keepAlive = keepsAlive(r);
            settle(this, null);
        }
        if (msg instanceof HttpContent c) {
            if (c.decoderResult().isFailure()) {
                c.release();
                broke(c.decoderResult().cause());
                return;
            }
            ByteBuf bytes = c.content();
            if (bytes.isReadable()) {
                deliver(bytes);
            } else {
                bytes.release();
            }
            if (msg instanceof LastHttpContent) {
                finished = true;
                conn.pool.answered(conn, keepAlive);
                deliver(END);
            }
        }
    }

    /** The channel failed or closed before this call's answer ended. */
    void broke(Throwable cause) {
        if (!finished) {
            finished = true;
            conn.pool.retire(conn);
            fail(cause);
        }
    }

    private void fail(Throwable cause) {
        failure = cause;
        if (settle(null, cause)) {
            return;
        }
        if (response != null && exceptionHandler != null) {
            exceptionHandler.handle(cause);
        }
    }

    /**
     * A piece of the body as the decoder handed it over (pooled memory, this call's to release): lent to the handler
     * for the call, without a copy, and released when it returns; a piece that must wait (paused, or no handler yet)
     * waits as a heap copy of its own, so nothing pooled outlives this read.
     */
    private void deliver(ByteBuf bytes) {
        if (!paused && handler != null && (queued == null || queued.isEmpty())) {
            try {
                // a Vert.x buffer reads from index 0: the decoder's pieces start there, a slice makes sure
                handler.handle(BufferInternal.buffer(bytes.readerIndex() == 0 ? bytes : bytes.slice()));
            } finally {
                bytes.release();
            }
            return;
        }
        byte[] copy = ByteBufUtil.getBytes(bytes);
        bytes.release();
        deliver((Object) Buffer.buffer(copy));
    }

    private void deliver(Object piece) {
        if (queued == null || queued.isEmpty()) {
            if (!paused && (piece == END ? endHandler != null : handler != null)) {
                handOver(piece);
                return;
            }
            if (queued == null) {
                queued = new ArrayDeque<>(4);
            }
        }
        queued.add(piece);
    }

    private void handOver(Object piece) {
        if (piece == END) {
            endHandler.handle(null);
        } else {
            handler.handle((Buffer) piece);
        }
    }

    /** Hands the answer's head (or the failure before it) over, once; false when there is no one to tell. */
    private boolean settle(Answer answer, Throwable cause) {
        Completable<? super Answer> to = answered;
        if (to == null || answerSettled) {
            return false;
        }
        answerSettled = true;
        to.complete(answer, cause);
        return true;
    }

    /** RFC 9112 §9.3: an answer with {@code Connection: close}, or HTTP/1.0 without keep-alive, ends it. */
    private static boolean keepsAlive(HttpResponse r) {
        String connection = r.headers().get(HttpHeaderNames.CONNECTION);
        if (r.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
            return connection != null && "keep-alive".equalsIgnoreCase(connection.trim());
        }
        return connection == null || !connection.toLowerCase(java.util.Locale.ROOT).contains("close");
    }

    @Override
    public int statusCode() {
        return response.status().code();
    }

    @Override
    public String getHeader(CharSequence name) {
        return response.headers().get(name);
    }

    @Override
    public MultiMap headers() {
        if (headers == null) {
            headers = new HeadersAdaptor(response.headers());
        }
        return headers;
    }

    @Override
    public Answer handler(Handler<Buffer> h) {
        handler = h;
        drain();
        return this;
    }

    @Override
    public Answer endHandler(Handler<Void> h) {
        endHandler = h;
        drain();
        return this;
    }

    @Override
    public Answer exceptionHandler(Handler<Throwable> h) {
        exceptionHandler = h;
        return this;
    }

    @Override
    public void pause() {
        paused = true;
        if (!finished) {
            conn.channel.config().setAutoRead(false);
        }
    }

    @Override
    public void resume() {
        paused = false;
        drain();
        if (!finished && !paused) {
            conn.channel.config().setAutoRead(true);
        }
    }

    private void drain() {
        while (queued != null && !paused && !queued.isEmpty()) {
            Object piece = queued.peek();
            if (piece == END ? endHandler == null : handler == null) {
                return;
            }
            queued.poll();
            handOver(piece);
        }
    }
}
