package dev.freeport.flow;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * The caller's side of one HTTP exchange, as the request flow sees it. The server implements it over Vert.x's
 * request and response; the flow never touches those. All methods are called on the request's event loop.
 */
public interface Caller {

    /** A request header, or null. */
    String header(String name);

    /** A parameter of the request's query string, or null. */
    default String query(String name) {
        return null;
    }

    /**
     * The key the caller presented ({@code Authorization: Bearer KEY} or {@code x-api-key: KEY}), trimmed, or null:
     * a view of the header's text (no copy per request), to be read, not kept ({@code toString()} for a copy).
     */
    CharSequence presentedKey();

    /**
     * The request body, read as it arrives; fails with a 413 GatewayException as soon as more than {@code limit}
     * bytes arrived (never trusting Content-Length alone), or with CANCELLED when the caller leaves meanwhile.
     */
    Future<Buffer> body(long limit);

    /** Runs {@code action} once if the caller disconnects before the answer ended. */
    void onGone(Runnable action);

    /** Whether an answer has started (or the connection is gone): no error can be sent any more. */
    boolean answered();

    /**
     * A map for the answer's headers, to be passed to {@link #reply} or {@link #stream}: by default a new one; the
     * server hands out the answer's own, so that the headers are not copied once more.
     */
    default MultiMap answerHeaders() {
        return MultiMap.caseInsensitiveMultiMap();
    }

    /** A complete answer. */
    void reply(int status, MultiMap headers, Buffer body);

    /**
     * Runs {@code action} once the answer's last bytes were handed to the connection (or could not be: it closed),
     * or at once when no answer is pending. On epoll ending an answer writes it, so this is at once; on io_uring the
     * write reaches the kernel only when the event loop next submits its queue, and work run before that (watchers,
     * the request log) would delay the caller's answer. What the caller does not wait for goes here.
     */
    default void afterWritten(Runnable action) {
        action.run();
    }

    /** Starts a streamed (chunked, server-sent events) answer with status 200. */
    Stream stream(MultiMap headers);

    /** A started streamed answer. */
    interface Stream {
        /** Writes frames; completes once they are written (or failed to be: the connection closed). */
        io.vertx.core.Future<Void> write(Buffer frames);

        /** Writes the last frames and ends the answer; completes as {@link #write} does. */
        io.vertx.core.Future<Void> end(Buffer last);

        /** Whether the caller's socket buffer is full: pause the upstream until {@link #onDrain}. */
        boolean full();

        void onDrain(Runnable action);

        /** Whether the answer can still be written (not ended, connection open). */
        boolean open();
    }
}
