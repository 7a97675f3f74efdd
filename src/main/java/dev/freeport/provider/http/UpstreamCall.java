package dev.freeport.provider.http;

import io.vertx.core.Completable;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * One request on an upstream connection, opened by {@link UpstreamClient#call} and not yet sent: what
 * {@link HttpProvider}, {@link WholeBody} and {@link HttpChunkStream} need of the hop, whichever client carries it
 * ({@link RawCall} on the gateway's own Netty channels, {@link VertxCall} over Vert.x's client). Every method runs
 * on the request's event loop.
 */
sealed interface UpstreamCall permits RawCall, VertxCall {
    /** Sends the request with {@code body} (may be null: no body); completes with the answer's status and headers. */
    Future<Answer> send(Buffer body);

    /** Sends {@code request}'s body (a written one as a buffer, unless the client writes it itself). */
    default Future<Answer> sendRequest(UpstreamRequest request) {
        return send(request.body());
    }

    /**
     * As {@link #sendRequest(UpstreamRequest)}, the answer (or the failure) handed to {@code answered} once, with no
     * future in between where the client can (the raw client: from its channel's read).
     */
    default void sendRequest(UpstreamRequest request, Completable<? super Answer> answered) {
        sendRequest(request).onComplete(answered);
    }

    /** Abandons the request: its connection is closed, its answer (if pending) fails. */
    void reset();

    /** An answer whose head came; its body follows through {@link #handler} until {@link #endHandler}. */
    interface Answer {
        int statusCode();

        String getHeader(CharSequence name);

        MultiMap headers();

        /**
         * Receives each piece of the body (decompressed) as it arrives. A piece is lent for the call only: its memory
         * may be the connection's pooled read buffer, reused once the handler returns, so a handler that keeps bytes
         * past the call copies them ({@link WholeBody}, {@link SseParser}).
         */
        Answer handler(Handler<Buffer> handler);

        Answer endHandler(Handler<Void> handler);

        /** Receives the failure that cuts the body short (the connection broke or was reset). */
        Answer exceptionHandler(Handler<Throwable> handler);

        /** Stops delivering pieces (and reading the connection) until {@link #resume}. */
        void pause();

        void resume();
    }
}
