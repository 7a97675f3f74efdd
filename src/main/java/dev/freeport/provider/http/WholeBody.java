package dev.freeport.provider.http;

import dev.freeport.json.OwnBytes;
import io.vertx.core.Completable;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;

/**
 * An answer's body read whole, copied once at most: the raw client's pieces are lent for the handler's call only
 * (pooled read buffers, see {@link UpstreamCall.Answer#handler}), so each is copied as it comes into one heap
 * buffer of the announced length (or of the first piece's, growing after it): an answer in one piece (most: a few
 * KiB on a keep-alive connection) costs one array of its size, one in several is copied once, where each piece was
 * copied to the heap and then again into the joined buffer. A heap buffer of its own (Vert.x's client) in one piece
 * is the body as it is. The joined buffer is an {@link OwnBytes} buffer with {@link #SLACK} bytes to spare: nothing
 * else holds it, so the answer's model name can be changed in it without another copy. Runs on the response's event
 * loop.
 */
final class WholeBody implements Handler<Buffer> {
    /**
     * Room left after the announced length, so that the OpenAI front can put a longer model name into the answer
     * in place ({@code ModelField}) rather than copying it; a name that does not fit is copied as before.
     */
    static final int SLACK = 64;

    /** who hears of the body (or of the failure that cut it short), once */
    private final Completable<? super Buffer> done;
    private boolean settled;
    private final int announced;
    private Buffer first;
    private Buffer body;

    /** whether the pieces are lent for the call (the raw client's): copied even when one piece is all */
    private final boolean lent;

    private WholeBody(int announced, boolean lent, Completable<? super Buffer> done) {
        this.announced = announced;
        this.done = done;
        this.lent = lent;
    }

    /** Reads the rest of {@code response}'s body; fails when the connection breaks before its end. */
    static Future<Buffer> read(UpstreamCall.Answer response) {
        Promise<Buffer> done = Promise.promise();
        read(response, done);
        return done.future();
    }

    /** As {@link #read(UpstreamCall.Answer)}, the body (or the failure) handed to {@code done} once, no future. */
    static void read(UpstreamCall.Answer response, Completable<? super Buffer> done) {
        WholeBody body = new WholeBody(length(response.getHeader(HttpHeaders.CONTENT_LENGTH)),
                !(response instanceof VertxCall), done);
        response.handler(body);
        response.exceptionHandler(body::failed);
        response.endHandler(v -> body.settle(body.result(), null));
    }

    private void failed(Throwable cause) {
        settle(null, cause);
    }

    private void settle(Buffer result, Throwable cause) {
        if (!settled) {
            settled = true;
            done.complete(result, cause);
        }
    }

    @Override
    public void handle(Buffer piece) {
        if (body == null && first == null && !lent) {
            first = piece; // a heap buffer of its own (Vert.x's client): kept as it is, unless more pieces follow
            return;
        }
        if (body == null) {
            int had = first == null ? 0 : first.length();
            body = OwnBytes.buffer(Math.max(announced, had + piece.length()) + SLACK);
            if (first != null) {
                body.appendBuffer(first);
                first = null;
            }
        }
        body.appendBuffer(piece);
    }

    private Buffer result() {
        return body != null ? body : first != null ? first : Buffer.buffer(0);
    }

    /** The Content-Length, when it is a plausible size for a buffer; else 0 (the joined buffer grows). */
    private static int length(String header) {
        if (header == null) {
            return 0;
        }
        try {
            long n = Long.parseLong(header.trim());
            return n > 0 && n <= 64L * 1024 * 1024 ? (int) n : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
