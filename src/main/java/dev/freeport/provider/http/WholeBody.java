package dev.freeport.provider.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;

/**
 * An answer's body read whole, copied once: the pieces are lent for the handler's call only (a raw connection's
 * pooled read buffers, see {@link UpstreamCall.Answer#handler}), so each is copied as it comes into one heap buffer
 * of the announced length (or of the first piece's, growing after it). An answer in one piece (most: a few KiB on a
 * keep-alive connection) costs one array of its size; one in several is copied once, where each piece was copied
 * to the heap and then again into the joined buffer. Runs on the response's event loop.
 */
final class WholeBody implements Handler<Buffer> {
    private final Promise<Buffer> done = Promise.promise();
    private final int announced;
    private Buffer body;

    private WholeBody(int announced) {
        this.announced = announced;
    }

    /** Reads the rest of {@code response}'s body; fails when the connection breaks before its end. */
    static Future<Buffer> read(UpstreamCall.Answer response) {
        WholeBody body = new WholeBody(length(response.getHeader(HttpHeaders.CONTENT_LENGTH)));
        response.handler(body);
        response.exceptionHandler(body.done::tryFail);
        response.endHandler(v -> body.done.tryComplete(body.result()));
        return body.done.future();
    }

    @Override
    public void handle(Buffer piece) {
        if (body == null) {
            body = Buffer.buffer(Math.max(announced, piece.length()));
        }
        body.appendBuffer(piece);
    }

    private Buffer result() {
        return body != null ? body : Buffer.buffer(0);
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
