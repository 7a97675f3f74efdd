package dev.freeport.server;

import dev.freeport.error.GatewayError;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;

import java.util.function.Consumer;

/**
 * One client connection as the edge tracks it: where it is in its current request (for the head, body and idle
 * timeouts), a framing error its decoder found in a body, and who is reading that body. Lives on its connection's
 * event loop: no field needs synchronisation.
 */
final class EdgeConnection {
    static final AttributeKey<EdgeConnection> KEY = AttributeKey.valueOf("freeport.edge");

    /** Where the connection is in its current request. */
    enum Phase {
        /** no byte of the next request head yet */
        WAITING,
        /** a request head is arriving */
        HEAD,
        /** the head is complete, its body is arriving */
        BODY,
        /** the request is complete, its answer is being written */
        BUSY
    }

    final HttpConnection http;
    final Channel channel;
    /** over {@code server.max_connections} when it was accepted: its first request gets a 503 */
    final boolean overCap;
    Phase phase = Phase.WAITING;
    /** when the current phase's timeout started (System.nanoTime) */
    long since;
    /** no request was answered on it yet: the head timeout runs from the accept */
    boolean fresh = true;
    /** what a request's response runs when it ended (one per connection, not one per request) */
    final io.vertx.core.Handler<Void> answered = v -> answered(System.nanoTime());
    private GatewayError bodyError;
    private Consumer<GatewayError> bodyReader;
    /** the connection's encoder is the edge's: it writes an {@link AnswerHead}'s lines ({@link #headFor}) */
    boolean writesHeads;
    /** the flow's headers of the answer being written, and that answer's own header map (Vert.x's) */
    private AnswerHead head;
    private Object headOwner;
    /** an emptied map for the next answer's headers (its lines were written), or null */
    private AnswerHead spare;

    EdgeConnection(HttpConnection http, Channel channel, boolean overCap, long now) {
        this.http = http;
        this.channel = channel;
        this.overCap = overCap;
        this.since = now;
    }

    /** The edge state of a request's connection; null for connections the edge does not track. */
    static EdgeConnection of(HttpServerRequest req) {
        return req.connection() instanceof ConnectionBase c ? c.channel().attr(KEY).get() : null;
    }

    // ---- the decoder's view -----------------------------------------------------------------------------

    void headStarted(long now) {
        if (phase == Phase.WAITING) {
            phase = Phase.HEAD;
            if (!fresh) {
                since = now;
            }
        }
    }

    void headDone(long now) {
        phase = Phase.BODY;
        since = now;
    }

    void bodyProgress(long now) {
        since = now;
    }

    void requestDone() {
        phase = Phase.BUSY;
    }

    // ---- the server's view ------------------------------------------------------------------------------

    /** The answer ended: the connection waits for its next request (the idle timeout). */
    void answered(long now) {
        fresh = false;
        if (phase == Phase.BUSY) {
            phase = Phase.WAITING;
            since = now;
        }
    }

    /**
     * A body failed where no reader may see it yet (bad chunk framing, body timeout): the current reader gets it
     * now, a reader that starts later at once.
     */
    void failBody(GatewayError error) {
        if (bodyError == null) {
            bodyError = error;
        }
        Consumer<GatewayError> reader = bodyReader;
        bodyReader = null;
        if (reader != null) {
            reader.accept(error);
        }
    }

    /** Registers the reader of the current body; returns the error it already failed with, or null. */
    GatewayError readBody(Consumer<GatewayError> reader) {
        if (bodyError != null) {
            return bodyError;
        }
        bodyReader = reader;
        return null;
    }

    /** Whether a body reader is waiting for bytes (a stalled body is its client's fault, not the flow's). */
    boolean bodyRead() {
        return bodyReader != null;
    }

    void bodyEnded() {
        bodyReader = null;
    }

    // ---- the answer's head ------------------------------------------------------------------------------

    /**
     * Keeps the flow's headers of an answer until its head is encoded ({@link #headFor}); {@code owner} is the
     * answer's own header map, which the encoder sees in the head. False (nothing kept) when this connection's
     * encoder does not write them or another answer's are still waiting: the caller copies them into the map then.
     */
    boolean holdHead(AnswerHead flowHeaders, Object owner) {
        if (!writesHeads || head != null) {
            return false;
        }
        head = flowHeaders;
        headOwner = owner;
        return true;
    }

    /** An empty map for an answer's headers: the one whose lines were written last, else a new one. */
    AnswerHead freeHead() {
        AnswerHead h = spare;
        if (h == null) {
            return new AnswerHead();
        }
        spare = null;
        return h;
    }

    /** A map whose lines were written: emptied, it serves the next answer ({@link #freeHead}). */
    void headWritten(AnswerHead written) {
        spare = written.clear();
    }

    /** The flow's headers of the answer whose head has {@code headers}, once (null: none). */
    AnswerHead headFor(Object headers) {
        AnswerHead h = head;
        if (h == null || headOwner != headers) {
            return null;
        }
        head = null;
        headOwner = null;
        return h;
    }
}
