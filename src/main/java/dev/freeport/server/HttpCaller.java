package dev.freeport.server;

import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;
import dev.freeport.flow.Caller;
import io.vertx.core.Completable;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.util.function.Consumer;

/**
 * The flow's {@link Caller} over one Vert.x request and its response; also the response's close handler, which runs
 * the flow's {@link #onGone} action (a field, not a lambda per request), and the listener of the answer's end, which
 * runs the flow's {@link #afterWritten} action (no lambda and no wrapper of it per request).
 */
final class HttpCaller implements Caller, Handler<Void>, Completable<Void> {
    private final HttpServerRequest http;
    private final HttpServerResponse res;
    private final Edge edge;
    private Runnable gone;
    /** the answer's end, once written or being written: what {@link #afterWritten} waits for */
    private Future<Void> ending;
    /** what runs once the answer is written ({@link #afterWritten}); this object is the end's listener */
    private Runnable afterAnswer;

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

    /** The key as a view of its header's text: the header's String itself, or a {@link KeyText} over a part of it. */
    @Override
    public CharSequence presentedKey() {
        String auth = http.getHeader(AUTHORIZATION);
        String text = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth : null;
        int from = 7;
        if (text == null) {
            text = http.getHeader(X_API_KEY);
            from = 0;
        }
        return text == null ? null : KeyText.trimmed(text, from);
    }

    private static final CharSequence AUTHORIZATION = io.vertx.core.http.HttpHeaders.createOptimized("authorization");
    private static final CharSequence X_API_KEY = io.vertx.core.http.HttpHeaders.createOptimized("x-api-key");

    /** The key from {@code Authorization: Bearer KEY}, else {@code x-api-key}, trimmed; null when neither. */
    static String presentedKey(HttpServerRequest http) {
        String auth = http.getHeader("authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.substring(7).trim();
        }
        String key = http.getHeader("x-api-key");
        return key == null ? null : key.trim();
    }

    /**
     * A part of a header's text, {@code [from, to)}, as a CharSequence: the presented key without a copy of its
     * characters. Trimmed as {@link String#trim} trims.
     */
    record KeyText(String text, int from, int to) implements CharSequence {
        /** {@code text} from {@code from} on, trimmed: {@code text} itself when that is all of it. */
        static CharSequence trimmed(String text, int from) {
            int to = text.length();
            while (from < to && text.charAt(from) <= ' ') {
                from++;
            }
            while (to > from && text.charAt(to - 1) <= ' ') {
                to--;
            }
            return from == 0 && to == text.length() ? text : new KeyText(text, from, to);
        }

        @Override
        public int length() {
            return to - from;
        }

        @Override
        public char charAt(int index) {
            return text.charAt(from + java.util.Objects.checkIndex(index, to - from));
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            java.util.Objects.checkFromToIndex(start, end, to - from);
            return new KeyText(text, from + start, from + end);
        }

        @Override
        public String toString() {
            return text.substring(from, to);
        }
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
        EdgeConnection conn = EdgeConnection.of(http);
        BodyRead read = new BodyRead(limit, edge, declared, conn);
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
    private static final class BodyRead implements Handler<Object>, Consumer<GatewayError> {
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

        BodyRead(long limit, Edge edge, long declared, EdgeConnection conn) {
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
        gone = action;
        res.closeHandler(this);
    }

    /** The connection closed: the flow's action runs unless the answer was complete. */
    @Override
    public void handle(Void closed) {
        Runnable action = gone;
        if (action != null && !res.ended()) {
            action.run();
        }
    }

    @Override
    public boolean answered() {
        return res.headWritten() || res.ended() || res.closed();
    }

    /**
     * On a connection whose encoder is the edge's, a map of the edge's own ({@link AnswerHead}, one per connection,
     * used again once its lines are written: no Vert.x map entry per header); elsewhere (HTTP/2, Vert.x's encoder)
     * the answer's own headers.
     */
    @Override
    public MultiMap answerHeaders() {
        EdgeConnection conn = VERTX_HEADERS ? null : EdgeConnection.of(http);
        return conn != null && conn.writesHeads ? conn.freeHead() : res.headers();
    }

    /**
     * {@code -Dfreeport.edge.vertxAnswerHeaders=true}: the flow's headers go into Vert.x's map as before the
     * {@link AnswerHead} (for A/B measures, or should a Vert.x upgrade change how it writes a head)
     */
    private static final boolean VERTX_HEADERS = Boolean.getBoolean("freeport.edge.vertxAnswerHeaders");

    @Override
    public void reply(int status, MultiMap headers, Buffer body) {
        res.setStatusCode(status);
        addUnlessOwn(headers);
        ending = end(http, body);
    }

    @Override
    public void afterWritten(Runnable action) {
        Future<Void> pending = ending;
        if (pending == null || pending.isComplete()) {
            action.run();
        } else if (afterAnswer == null) {
            afterAnswer = action;
            pending.onComplete((Completable<Void>) this);
        } else {
            pending.onComplete(v -> action.run());
        }
    }

    /** The answer's end was written (or failed to be): the action waiting for it runs ({@link #afterWritten}). */
    @Override
    public void complete(Void written, Throwable failure) {
        Runnable action = afterAnswer;
        afterAnswer = null;
        if (action != null) {
            action.run();
        }
    }

    /**
     * Puts the flow's headers on the answer: an {@link AnswerHead} is kept on the connection for the encoder (copied
     * into the answer's map when the connection cannot keep it); another map is copied.
     */
    private void addUnlessOwn(MultiMap headers) {
        MultiMap own = res.headers();
        if (headers == own) {
            return;
        }
        if (headers instanceof AnswerHead flow && !flow.isEmpty()) {
            EdgeConnection conn = EdgeConnection.of(http);
            if (conn != null && conn.holdHead(flow, own)) {
                return;
            }
        }
        own.addAll(headers);
    }

    /**
     * Ends the answer; when the request's body has not fully arrived (an answer before or instead of reading it:
     * 401, 413, a stalled or malformed body) the connection closes after it, so the rest of that body is never read
     * as a next request.
     */
    static Future<Void> end(HttpServerRequest http, Buffer body) {
        HttpServerResponse res = http.response();
        if (!bodyStillArriving(http)) {
            return res.end(body);
        }
        res.putHeader("connection", "close");
        Future<Void> ended = res.end(body);
        ended.onComplete(v -> http.connection().close());
        return ended;
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
                return ending = res.end(last);
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
