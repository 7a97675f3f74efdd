package dev.freeport.provider.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;

/**
 * An answer's body read whole, with the least copying: an answer that arrives in one piece (most do: a few KiB
 * on a keep-alive connection) is that piece as Vert.x handed it over; one in several pieces is joined into one
 * buffer of the announced length. Vert.x's own {@code body()} appends every piece to a buffer that starts small
 * and grows, which copied each answer once more. Runs on the response's event loop.
 */
final class WholeBody implements Handler<Buffer> {
    private final Promise<Buffer> done = Promise.promise();
    private final int announced;
    private Buffer first;
    private Buffer joined;

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
        if (first == null) {
            first = piece;
            return;
        }
        if (joined == null) {
            joined = Buffer.buffer(Math.max(announced, first.length() + piece.length()));
            joined.appendBuffer(first);
        }
        joined.appendBuffer(piece);
    }

    private Buffer result() {
        return joined != null ? joined : first != null ? first : Buffer.buffer(0);
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
