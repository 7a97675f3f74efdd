package dev.freeport.server;

import dev.freeport.flow.Caller;
import io.vertx.core.Completable;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * The flow's {@link Caller} over one Vert.x request and its response; also the response's close handler, which runs
 * the flow's {@link #onGone} action (a field, not a lambda per request), and the listener of the answer's end, which
 * runs the flow's {@link #afterWritten} action (no lambda and no wrapper of it per request).
 */
final class HttpCaller implements Caller, Handler<Void>, Completable<Void> {
    private final HttpServerRequest http;
    private final HttpServerResponse res;
    private final Edge edge;
    /** the edge's state of the request's connection (null: not tracked), looked up once per request */
    private final EdgeConnection conn;
    private Runnable gone;
    /** the answer's end, once written or being written: what {@link #afterWritten} waits for */
    private Future<Void> ending;
    /** what runs once the answer is written ({@link #afterWritten}); this object is the end's listener */
    private Runnable afterAnswer;

    HttpCaller(HttpServerRequest http, Edge edge) {
        this.http = http;
        this.res = http.response();
        this.edge = edge;
        this.conn = EdgeConnection.of(http);
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
        return BodyRead.read(http, limit, edge, conn);
    }

    /**
     * Whether the request's body has not fully arrived. The edge's decoder knows it before Vert.x does: a bodiless
     * request's end is still queued behind its head while the head's handler runs.
     */
    private static boolean bodyStillArriving(HttpServerRequest http, EdgeConnection conn) {
        return conn != null ? conn.phase == EdgeConnection.Phase.BODY : !http.isEnded();
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
        return !VERTX_HEADERS && conn != null && conn.writesHeads ? conn.freeHead() : res.headers();
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
        ending = end(http, conn, body);
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
        return end(http, EdgeConnection.of(http), body);
    }

    private static Future<Void> end(HttpServerRequest http, EdgeConnection conn, Buffer body) {
        HttpServerResponse res = http.response();
        if (!bodyStillArriving(http, conn)) {
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
