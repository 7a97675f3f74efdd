package dev.freeport.flow;

import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;
import dev.freeport.front.Frames;
import dev.freeport.front.StreamWriter;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.provider.Cancellation;
import dev.freeport.provider.ChunkStream;
import dev.freeport.provider.StreamItem;
import io.netty.buffer.ByteBuf;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

/**
 * Relays one started stream to the caller in the caller's format: backpressure (pause the upstream while the
 * caller's socket is full), keep-alive pings while the upstream is silent, and a break after the start turned
 * into the format's error event, never a clean end. The ledger step runs just before the last byte.
 */
final class StreamRelay {
    /** A ping after this long without a frame, where the caller's API has pings (Anthropic). */
    static final long PING_AFTER_MILLIS = 10_000;

    private final Caller caller;
    private Caller.Stream res;
    private final Exchange ex;
    private final StreamTally tally;
    private final StreamWriter writer;
    private final ChunkStream stream;
    private final Runnable finishUsage;
    private final Runnable record;
    private final Promise<Void> done = Promise.promise();
    private long lastWrite = System.nanoTime();
    private long pingTimer = -1;
    /** frames produced while handling one upstream read, written together: one write, one syscall, not one per chunk */
    private final PendingFrames pending = new PendingFrames();
    /** what a writer writes to: {@link #pending}, the flush scheduled at the first frame of a read */
    private final Frames frames = new Frames() {
        @Override
        public void accept(Buffer frame) {
            written();
            pending.accept(frame);
        }

        @Override
        public void append(byte[] bytes, int from, int to) {
            written();
            pending.append(bytes, from, to);
        }

        @Override
        public void expect(int bytes) {
            pending.expect(bytes);
        }
    };
    private boolean flushScheduled;
    /** {@link #flush} as a task, made once rather than per upstream read */
    private final io.vertx.core.Handler<Void> flushTask = v -> flush();
    private io.vertx.core.Context context;

    StreamRelay(Caller caller, Exchange ex, StreamWriter writer, ChunkStream stream,
                Runnable finishUsage, Runnable record) {
        this.caller = caller;
        this.ex = ex;
        this.tally = ex.tally();
        this.writer = writer;
        this.stream = stream;
        this.finishUsage = finishUsage;
        this.record = record;
    }

    Future<Void> run(Cancellation cancellation) {
        cancellation.onCancel(() -> cancelled(cancellation.reason()));
        context = io.vertx.core.Vertx.currentContext();
        res = Replies.streamHead(caller, ex);
        if (writer.ping() != null) {
            var vertx = io.vertx.core.Vertx.currentContext().owner();
            pingTimer = vertx.setPeriodic(PING_AFTER_MILLIS, PING_AFTER_MILLIS, id -> {
                if (System.nanoTime() - lastWrite >= PING_AFTER_MILLIS * 1_000_000 && res.open()) {
                    write(writer.ping());
                }
            });
            done.future().onComplete(v -> vertx.cancelTimer(pingTimer));
        }
        stream.handler(this::onItem);
        return done.future();
    }

    private void onItem(StreamItem item) {
        switch (item) {
            case StreamItem.Chunk c -> {
                if (ex.firstTokenNanos == 0) {
                    ex.firstTokenNanos = System.nanoTime();
                }
                tally.observe(c);
                writer.chunk(c, frames);
            }
            case StreamItem.Native n -> writer.nativeFrame(n.frame(), frames);
            case StreamItem.End e -> {
                tally.billed(e.billed());
                finishUsage.run();
                writer.end(frames);
                record.run();
                send(true);
                done.tryComplete();
            }
            case StreamItem.Failed f -> {
                finishUsage.run();
                GatewayError error = new GatewayError(ErrorKind.UPSTREAM_ERROR, 502,
                        "the upstream stream broke after it started (" + ex.served.label() + "): "
                                + f.failure().message(), null, "stream_interrupted", null);
                ex.end(Exchange.Ending.afterHead(UsageEvent.Status.CUT, error));
                writer.error(error, frames);
                record.run();
                send(true);
                done.tryComplete();
            }
        }
    }

    private void write(Buffer frame) {
        frames.accept(frame);
    }

    /** A frame was gathered: the flush is scheduled at the read's first (the clock is read when it is written). */
    private void written() {
        if (!flushScheduled) {
            flushScheduled = true;
            context.runOnContext(flushTask);
        }
    }

    /** Writes what accumulated during the last upstream read; pauses the upstream while the caller is full. */
    private void flush() {
        flushScheduled = false;
        if (pending.isEmpty() || !res.open()) {
            pending.clear();
            return;
        }
        send(false);
        if (res.full()) {
            stream.pause();
            res.onDrain(stream::resume);
        }
    }

    /**
     * Writes what was gathered, ending the answer when {@code last}; the gathered buffer (pooled) is released once
     * the socket wrote it or the write failed.
     */
    private void send(boolean last) {
        if (pingTimer >= 0) {
            lastWrite = System.nanoTime(); // once per write, not per piece of a frame: only the pings read it
        }
        ByteBuf frames = pending.take();
        Buffer out = frames == null ? Buffer.buffer() : BufferInternal.buffer(frames);
        Future<Void> written;
        try {
            written = last ? res.end(out) : res.write(out);
        } catch (RuntimeException e) {
            release(frames);
            throw e;
        }
        if (frames != null) {
            written.onComplete(v -> frames.release());
        }
    }

    private static void release(ByteBuf frames) {
        if (frames != null) {
            frames.release();
        }
    }

    /**
     * The caller went away ({@code reason} null), or the gateway cancelled the stream (a shutdown): then the caller,
     * still there, gets the reason as the stream's error event, never a clean end.
     */
    private void cancelled(GatewayError reason) {
        finishUsage.run();
        stream.cancel();
        if (reason == null) {
            ex.end(Exchange.Ending.afterHead(UsageEvent.Status.CANCELLED, GatewayError.of(ErrorKind.CANCELLED,
                    "the caller went away mid-stream")));
            done.tryComplete();
            return;
        }
        ex.end(Exchange.Ending.afterHead(UsageEvent.Status.CANCELLED, reason));
        writer.error(reason, frames);
        record.run();
        if (res.open()) {
            send(true);
        } else {
            pending.clear();
        }
        done.tryComplete();
    }
}
