package dev.freeport.server;

import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;
import dev.freeport.flow.Caller;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/** The flow's {@link Caller} over one Vert.x request and its response. */
final class HttpCaller implements Caller {
    private final HttpServerRequest http;
    private final HttpServerResponse res;
    private final Edge edge;

    HttpCaller(HttpServerRequest http, Edge edge) {
        this.http = http;
        this.res = http.response();
        this.edge = edge;
    }

    @Override
    public String header(String name) {
        return http.getHeader(name);
    }

    @Override
    public String query(String name) {
        return http.getParam(name);
    }

    @Override
    public String presentedKey() {
        return presentedKey(http);
    }

    /** The key from {@code Authorization: Bearer KEY}, else {@code x-api-key}, trimmed; null when neither. */
    static String presentedKey(HttpServerRequest http) {
        String auth = http.getHeader("authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.substring(7).trim();
        }
        String key = http.getHeader("x-api-key");
        return key == null ? null : key.trim();
    }

    @Override
    public Future<Buffer> body(long limit) {
        return readBody(http, limit, edge);
    }

    /** A body's first buffer holds at most this much: it grows as bytes arrive, never from Content-Length alone. */
    static final int FIRST_BUFFER = 16 * 1024;

    /**
     * Reads a body as it arrives: 413 once more than {@code limit} bytes arrived or were announced; 503 when the
     * bytes of every body still arriving would go over {@code server.max_pending_body}; 400 for broken chunked
     * framing and 408 when the body stalls (both found by the edge, see {@link EdgeConnection#failBody}).
     */
    static Future<Buffer> readBody(HttpServerRequest http, long limit, Edge edge) {
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
        Promise<Buffer> promise = Promise.promise();
        EdgeConnection conn = EdgeConnection.of(http);
        if (conn != null) {
            GatewayError failed = conn.readBody(e -> promise.tryFail(e.toException()));
            if (failed != null) {
                return Future.failedFuture(failed.toException());
            }
        }
        BodyRead read = new BodyRead(promise, limit, edge, declared);
        http.handler(read);
        http.exceptionHandler(t -> promise.tryFail(GatewayError.of(ErrorKind.CANCELLED,
                "the caller went away while sending the body").toException()));
        http.endHandler(v -> promise.tryComplete(read.body()));
        promise.future().onComplete(done -> {
            read.release();
            if (conn != null) {
                conn.bodyEnded();
            }
        });
        return promise.future();
    }

    /**
     * The chunks of one body, and the share of the edge's body budget they hold until the body is complete. A body
     * that arrives in one chunk is that chunk (Vert.x hands each chunk out as a heap buffer of its own): no copy.
     */
    private static final class BodyRead implements io.vertx.core.Handler<Buffer> {
        private final Promise<Buffer> promise;
        private final long limit;
        private final Edge edge;
        private final long declared;
        /** the first chunk, until a second one arrives */
        private Buffer first;
        /** the chunks appended, from the second one on */
        private Buffer body;
        private long held;

        BodyRead(Promise<Buffer> promise, long limit, Edge edge, long declared) {
            this.promise = promise;
            this.limit = limit;
            this.edge = edge;
            this.declared = declared;
        }

        Buffer body() {
            return body != null ? body : first != null ? first : Buffer.buffer(0);
        }

        private int length() {
            return body != null ? body.length() : first != null ? first.length() : 0;
        }

        @Override
        public void handle(Buffer chunk) {
            if (promise.future().isComplete()) {
                return;
            }
            if (length() + chunk.length() > limit) {
                promise.tryFail(tooLarge(limit));
                return;
            }
            if (edge != null) {
                if (!edge.reserveBody(chunk.length())) {
                    promise.tryFail(edge.bodiesBusy().toException());
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

        void release() {
            if (edge != null) {
                edge.releaseBody(held);
            }
            held = 0;
        }
    }

    /**
     * Whether the request's body has not fully arrived. The edge's decoder knows it before Vert.x does: a bodiless
     * request's end is still queued behind its head while the head's handler runs.
     */
    private static boolean bodyStillArriving(HttpServerRequest http) {
        EdgeConnection conn = EdgeConnection.of(http);
        return conn != null ? conn.phase == EdgeConnection.Phase.BODY : !http.isEnded();
    }

    private static RuntimeException tooLarge(long limit) {
        return new GatewayError(ErrorKind.PAYLOAD_TOO_LARGE, 413, "The request body is larger than this gateway "
                + "accepts (" + limit + " bytes; see server.max_body).", null, "request_too_large", null)
                .toException();
    }

    @Override
    public void onGone(Runnable action) {
        res.closeHandler(v -> {
            if (!res.ended()) {
                action.run();
            }
        });
    }

    @Override
    public boolean answered() {
        return res.headWritten() || res.ended() || res.closed();
    }

    /** The answer's own headers: what the flow puts there needs no copy. */
    @Override
    public MultiMap answerHeaders() {
        return res.headers();
    }

    @Override
    public void reply(int status, MultiMap headers, Buffer body) {
        res.setStatusCode(status);
        addUnlessOwn(headers);
        end(http, body);
    }

    private void addUnlessOwn(MultiMap headers) {
        if (headers != res.headers()) {
            res.headers().addAll(headers);
        }
    }

    /**
     * Ends the answer; when the request's body has not fully arrived (an answer before or instead of reading it:
     * 401, 413, a stalled or malformed body) the connection closes after it, so the rest of that body is never read
     * as a next request.
     */
    static void end(HttpServerRequest http, Buffer body) {
        HttpServerResponse res = http.response();
        if (!bodyStillArriving(http)) {
            res.end(body);
            return;
        }
        res.putHeader("connection", "close");
        res.end(body).onComplete(v -> http.connection().close());
    }

    @Override
    public Stream stream(MultiMap headers) {
        res.setChunked(true);
        addUnlessOwn(headers);
        return new Stream() {
            @Override
            public Future<Void> write(Buffer frames) {
                return res.write(frames);
            }

            @Override
            public Future<Void> end(Buffer last) {
                return res.end(last);
            }

            @Override
            public boolean full() {
                return res.writeQueueFull();
            }

            @Override
            public void onDrain(Runnable action) {
                res.drainHandler(v -> action.run());
            }

            @Override
            public boolean open() {
                return !res.ended() && !res.closed();
            }
        };
    }
}
