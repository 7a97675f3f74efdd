package dev.freeport.server;

import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

import java.util.function.Consumer;

/**
 * A request's body read as it arrives, for the flow's {@link HttpCaller#body} and the admin and web routes: bounded
 * per request and, with every other body still arriving, by the edge's budget.
 */
final class BodyRead {
    private BodyRead() {
    }

    /** A body's first buffer holds at most this much: it grows as bytes arrive, never from Content-Length alone. */
    static final int FIRST_BUFFER = 16 * 1024;

    /**
     * Reads a body as it arrives: 413 once more than {@code limit} bytes arrived or were announced; 503 when the
     * bytes of every body still arriving would go over {@code server.max_pending_body}; 400 for broken chunked
     * framing and 408 when the body stalls (both found by the edge, see {@link EdgeConnection#failBody}).
     */
    static Future<Buffer> read(HttpServerRequest http, long limit, Edge edge) {
        return read(http, limit, edge, EdgeConnection.of(http));
    }

    /** The same, on the connection's edge state already looked up ({@code conn}, null: not tracked). */
    static Future<Buffer> read(HttpServerRequest http, long limit, Edge edge, EdgeConnection conn) {
        long declared = -1;
        String header = http.getHeader("content-length");
        if (header != null) {
            try {
                declared = Long.parseLong(header.trim());
            } catch (NumberFormatException e) {
                return Future.failedFuture(GatewayError.of(ErrorKind.INVALID_REQUEST,
                        "Invalid Content-Length header.").toException());
            }
            if (declared > limit) {
                return Future.failedFuture(tooLarge(limit));
            }
        }
        Read read = new Read(limit, edge, declared, conn);
        if (conn != null) {
            GatewayError failed = conn.readBody(read);
            if (failed != null) {
                return Future.failedFuture(failed.toException());
            }
        }
        http.handler(read.callbacks());
        http.exceptionHandler(read.callbacks());
        http.endHandler(read.callbacks());
        return read.promise.future();
    }

    /**
     * The chunks of one body, and the share of the edge's body budget they hold until the body is complete. A body
     * that arrives in one chunk is that chunk (Vert.x hands each chunk out as a heap buffer of its own): no copy.
     * One object is every callback of the read (no lambda per request): Vert.x's chunk, end and failure handlers
     * ({@link #handle}) and the edge's report of a malformed body ({@link #accept}).
     */
    private static final class Read implements Handler<Object>, Consumer<GatewayError> {
        final Promise<Buffer> promise = Promise.promise();
        private final long limit;
        private final Edge edge;
        private final long declared;
        private final EdgeConnection conn;
        /** the first chunk, until a second one arrives */
        private Buffer first;
        /** the chunks appended, from the second one on */
        private Buffer body;
        private long held;
        private boolean finished;

        Read(long limit, Edge edge, long declared, EdgeConnection conn) {
            this.limit = limit;
            this.edge = edge;
            this.declared = declared;
            this.conn = conn;
        }

        /** This object as the handler of each of Vert.x's body events (a chunk, the end, a failure). */
        @SuppressWarnings("unchecked")
        <T> Handler<T> callbacks() {
            return (Handler<T>) (Handler<?>) this;
        }

        /** A chunk (a {@link Buffer}), the end ({@code null}) or the caller's connection failing (a Throwable). */
        @Override
        public void handle(Object event) {
            if (event instanceof Buffer chunk) {
                chunk(chunk);
            } else if (event instanceof Throwable) {
                finish(null, GatewayError.of(ErrorKind.CANCELLED, "the caller went away while sending the body")
                        .toException());
            } else {
                finish(body(), null);
            }
        }

        /** The edge found the body's framing malformed, or the body stalled. */
        @Override
        public void accept(GatewayError error) {
            finish(null, error.toException());
        }

        private Buffer body() {
            return body != null ? body : first != null ? first : Buffer.buffer(0);
        }

        private int length() {
            return body != null ? body.length() : first != null ? first.length() : 0;
        }

        private void chunk(Buffer chunk) {
            if (finished) {
                return;
            }
            if (length() + chunk.length() > limit) {
                finish(null, tooLarge(limit));
                return;
            }
            if (edge != null) {
                if (!edge.reserveBody(chunk.length())) {
                    finish(null, edge.bodiesBusy().toException());
                    return;
                }
                held += chunk.length();
            }
            if (first == null) {
                first = chunk;
                return;
            }
            if (body == null) {
                body = Buffer.buffer(declared >= 0 ? (int) Math.min(FIRST_BUFFER, declared) : 1024)
                        .appendBuffer(first);
            }
            body.appendBuffer(chunk);
        }

        /** Once: gives back the body's share of the budget, then completes the read (the flow goes on in it). */
        private void finish(Buffer whole, Throwable failure) {
            if (finished) {
                return;
            }
            finished = true;
            if (edge != null) {
                edge.releaseBody(held);
            }
            held = 0;
            if (conn != null) {
                conn.bodyEnded();
            }
            if (failure == null) {
                promise.complete(whole);
            } else {
                promise.fail(failure);
            }
        }
    }

    private static RuntimeException tooLarge(long limit) {
        return new GatewayError(ErrorKind.PAYLOAD_TOO_LARGE, 413, "The request body is larger than this gateway "
                + "accepts (" + limit + " bytes; see server.max_body).", null, "request_too_large", null)
                .toException();
    }
}
