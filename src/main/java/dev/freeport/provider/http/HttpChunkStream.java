package dev.freeport.provider.http;

import dev.freeport.api.Timeouts;
import dev.freeport.provider.ChunkStream;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.StreamItem;
import dev.freeport.provider.UpstreamFailure;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.ArrayDeque;

/**
 * A streaming upstream answer: bytes → {@link FrameParser} (SSE, or the codec's framing) → dialect
 * {@link StreamDecoder} → OpenAI-format items; a frame that cannot be read fails the stream.
 * {@link #committed()} completes at the first chunk (the router may fall back only before it) and fails if the
 * stream failed earlier. Guards the stream with the first-byte timeout until the first chunk, then the idle
 * timeout between reads, and the total timeout throughout. Runs on one event loop.
 */
final class HttpChunkStream implements ChunkStream {
    private final Vertx vertx;
    private final StreamDecoder decoder;
    private final Timeouts timeouts;
    private final Promise<ChunkStream> committed = Promise.promise();
    /** items waiting for the handler (paused, or none yet); made when the first one must wait */
    private ArrayDeque<StreamItem> pending;
    private final FrameParser parser;
    private UpstreamCall request;
    private UpstreamCall.Answer response;
    private Handler<StreamItem> handler;
    private boolean paused;
    private boolean terminated;
    private boolean cancelled;
    /**
     * The stream's one timer, for the idle (or first-byte) deadline and the total one, whichever comes first: moved
     * lazily (see {@link #armIdle}); -1 when none runs
     */
    private long timer = -1;
    /** when the timer is due to fire (System.nanoTime), when the silence it guards ends, when the total time ends */
    private long timerFiresAt;
    private long idleDeadline;
    private final long totalDeadline;
    private boolean firstByteGuard;
    /** {@link #push} as the decoder's sink, made once rather than per event */
    private final java.util.function.Consumer<StreamItem> out = this::push;

    HttpChunkStream(Vertx vertx, StreamDecoder decoder, Timeouts timeouts) {
        this(vertx, decoder, timeouts, SseParser::reusing);
    }

    HttpChunkStream(Vertx vertx, StreamDecoder decoder, Timeouts timeouts,
                    java.util.function.Function<java.util.function.Consumer<SseEvent>, FrameParser> framer) {
        this.vertx = vertx;
        this.decoder = decoder.reusingChunks(); // each item is handled then and there, or kept (held) in pending
        this.timeouts = timeouts;
        this.parser = framer.apply(event -> decoder.onEvent(event, out));
        this.totalDeadline = System.nanoTime() + timeouts.total().toNanos();
        firstByteGuard = true;
        armIdle(timeouts.firstByte().toMillis());
    }

    Future<ChunkStream> committed() {
        return committed.future();
    }

    /** Remembers the request so a cancel or timeout can reset it; false if the stream already ended. */
    boolean attach(UpstreamCall req) {
        this.request = req;
        if (terminated || cancelled) {
            req.reset();
            return false;
        }
        return true;
    }

    void start(UpstreamCall.Answer resp) {
        this.response = resp;
        if (terminated || cancelled) {
            request.reset();
            return;
        }
        resp.handler(buf -> {
            if (committed.future().isComplete()) {
                armIdle(timeouts.idle().toMillis());
            } // else still waiting for the first chunk: keep the first-byte timer running
            feed(buf);
        });
        resp.exceptionHandler(t -> push(new StreamItem.Failed(UpstreamFailure.of(FailureKind.STREAM_CUT,
                resp.statusCode(), "upstream connection lost mid-stream"))));
        resp.endHandler(v -> {
            try {
                parser.finish();
            } catch (FrameParser.MalformedFrameException e) {
                malformedFrame(e);
            }
            decoder.onClose(out);
        });
        if (paused) {
            resp.pause();
        }
    }

    private void feed(io.vertx.core.buffer.Buffer buf) {
        try {
            parser.feed(buf);
        } catch (FrameParser.MalformedFrameException e) {
            malformedFrame(e);
        }
    }

    private void malformedFrame(FrameParser.MalformedFrameException e) {
        push(new StreamItem.Failed(UpstreamFailure.of(committed.future().isComplete() ? FailureKind.STREAM_CUT
                : FailureKind.MALFORMED, response == null ? 0 : response.statusCode(), e.getMessage())));
        if (request != null) {
            request.reset();
        }
    }

    void failBeforeStart(UpstreamFailure failure) {
        if (terminated || cancelled) {
            return;
        }
        terminate();
        committed.tryFail(failure.toException());
    }

    private void push(StreamItem item) {
        if (terminated || cancelled) {
            return;
        }
        boolean terminal = item instanceof StreamItem.End || item instanceof StreamItem.Failed;
        if (!committed.future().isComplete()) {
            if (item instanceof StreamItem.Failed f) {
                // broke before the first chunk: still a retryable failure for the router
                terminate();
                if (request != null) {
                    request.reset();
                }
                committed.tryFail(beforeStart(f.failure()).toException());
                return;
            }
            firstByteGuard = false;
            armIdle(timeouts.idle().toMillis());
            committed.tryComplete(this);
        }
        if (terminal) {
            terminate();
        }
        if (handler != null && !paused && nothingPending()) {
            handler.handle(item);
        } else {
            if (pending == null) {
                pending = new ArrayDeque<>(4);
            }
            pending.add(item instanceof StreamItem.Chunk c ? c.held() : item);
            if (response != null && !terminal) {
                response.pause();
            }
        }
    }

    private boolean nothingPending() {
        return pending == null || pending.isEmpty();
    }

    private static UpstreamFailure beforeStart(UpstreamFailure f) {
        if (f.kind() != FailureKind.STREAM_CUT) {
            return f;
        }
        return new UpstreamFailure(FailureKind.SERVER_ERROR, f.status(), f.message() + " (before the first chunk)",
                f.retryAfter(), f.upstreamType(), f.upstreamCode());
    }

    private void timeout(String message) {
        if (terminated || cancelled) {
            return;
        }
        // report first: resetting the request makes the response fail with a less telling "connection lost"
        if (!committed.future().isComplete()) {
            terminate();
            committed.tryFail(UpstreamFailure.of(FailureKind.TIMEOUT, 0, message).toException());
        } else {
            push(new StreamItem.Failed(UpstreamFailure.of(FailureKind.STREAM_CUT, 0, message)));
        }
        if (request != null) {
            request.reset();
        }
    }

    /**
     * Moves the idle deadline to {@code millis} from now. Called on every upstream read: the timer is not re-made
     * each time (a timer costs a map entry and a scheduled task), only when the new deadline (or the total one, if
     * earlier) comes before the running timer fires; a timer that fires before both deadlines re-arms itself for the
     * rest. One timer guards both deadlines, where a timer for the total time was made and cancelled per stream.
     */
    private void armIdle(long millis) {
        long now = System.nanoTime();
        idleDeadline = now + millis * 1_000_000;
        long due = due();
        if (timer >= 0 && timerFiresAt - due <= 0) {
            return;
        }
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        schedule(due, now);
    }

    /** The earlier of the two deadlines. */
    private long due() {
        return idleDeadline - totalDeadline < 0 ? idleDeadline : totalDeadline;
    }

    private void schedule(long due, long now) {
        timerFiresAt = due;
        timer = vertx.setTimer(Math.max(1, (due - now + 999_999) / 1_000_000), id -> fired());
    }

    private void fired() {
        timer = -1;
        long now = System.nanoTime();
        if (now - totalDeadline >= 0) {
            timeout("stream not complete within " + timeouts.total());
        } else if (now - idleDeadline >= 0) {
            timeout(firstByteGuard ? "no first chunk within " + timeouts.firstByte() : "no data for " + timeouts.idle());
        } else {
            schedule(due(), now);
        }
    }

    private void terminate() {
        terminated = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    @Override
    public ChunkStream handler(Handler<StreamItem> h) {
        this.handler = h;
        drain();
        return this;
    }

    @Override
    public void pause() {
        paused = true;
        if (response != null && !terminated) {
            response.pause();
        }
    }

    @Override
    public void resume() {
        paused = false;
        drain();
    }

    private void drain() {
        while (handler != null && !paused && !cancelled && !nothingPending()) {
            handler.handle(pending.poll());
        }
        if (handler != null && !paused && nothingPending() && response != null && !terminated) {
            response.resume();
        }
    }

    @Override
    public void cancel() {
        if (cancelled) {
            return;
        }
        boolean wasTerminated = terminated;
        cancelled = true;
        if (pending != null) {
            pending.clear();
        }
        terminate();
        if (request != null && !wasTerminated) {
            request.reset();
        }
        committed.tryFail(UpstreamFailure.of(FailureKind.CANCELLED, 0, "the caller went away").toException());
    }
}
