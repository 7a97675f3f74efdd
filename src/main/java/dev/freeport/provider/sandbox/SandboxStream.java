package dev.freeport.provider.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.provider.ChunkStream;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.StreamItem;
import dev.freeport.provider.UpstreamFailure;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;

import java.util.ArrayDeque;
import java.util.List;

/**
 * A simulated stream: produces its precomputed chunks at the model's speed (several per timer tick when fast,
 * never a timer per token above {@value #MIN_TICK_MILLIS}ms spacing; all at once for an instant model), buffers
 * them until a handler is set, and honours pause/resume/cancel. One timer at a time; event loop only.
 */
final class SandboxStream implements ChunkStream {
    static final long MIN_TICK_MILLIS = 10;

    private final Vertx vertx;
    private final List<ObjectNode> chunks;
    private final int paced;
    private final int cutAfter;
    private final long tickMillis;
    private final double perTick;
    private final ArrayDeque<StreamItem> queue = new ArrayDeque<>();
    private Handler<StreamItem> handler;
    private int produced;
    private double credit;
    private boolean terminalProduced;
    private boolean paused;
    private boolean cancelled;
    private boolean delivering;
    private long timerId = -1;

    /**
     * @param chunks          every chunk in order; the first {@code paced} are paced, the rest follow at once
     * @param tokensPerSecond pace; 0 or less (or infinite) = instant
     * @param cutAfter        cut the stream with STREAM_CUT after this many paced chunks; -1 = never
     */
    SandboxStream(Vertx vertx, List<ObjectNode> chunks, int paced, double tokensPerSecond, int cutAfter) {
        this.vertx = vertx;
        this.chunks = chunks;
        this.paced = paced;
        this.cutAfter = cutAfter;
        if (tokensPerSecond <= 0 || Double.isInfinite(tokensPerSecond) || Double.isNaN(tokensPerSecond)) {
            this.tickMillis = 0;
            this.perTick = 0;
        } else {
            this.tickMillis = Math.max(MIN_TICK_MILLIS, Math.round(1000 / tokensPerSecond));
            this.perTick = tokensPerSecond * tickMillis / 1000.0;
        }
    }

    /** Produces the first chunk (time to first token has passed) and starts pacing the rest. */
    void start() {
        produceOne();
        if (tickMillis == 0) {
            while (!terminalProduced) {
                produceOne();
            }
        } else {
            schedule();
        }
        deliver();
    }

    @Override
    public ChunkStream handler(Handler<StreamItem> handler) {
        this.handler = handler;
        deliver();
        return this;
    }

    @Override
    public void pause() {
        paused = true;
        stopTimer();
    }

    @Override
    public void resume() {
        if (!paused || cancelled) {
            return;
        }
        paused = false;
        deliver();
        schedule();
    }

    @Override
    public void cancel() {
        cancelled = true;
        stopTimer();
        queue.clear();
    }

    private void schedule() {
        if (timerId < 0 && !terminalProduced && !paused && !cancelled && tickMillis > 0) {
            timerId = vertx.setTimer(tickMillis, id -> tick());
        }
    }

    private void tick() {
        timerId = -1;
        if (cancelled || paused) {
            return;
        }
        credit += perTick;
        while (credit >= 1 && !terminalProduced) {
            produceOne();
            credit -= 1;
        }
        deliver();
        schedule();
    }

    private void produceOne() {
        if (terminalProduced) {
            return;
        }
        queue.add(new StreamItem.Chunk(chunks.get(produced++)));
        if (cutAfter >= 0 && produced >= cutAfter) {
            queue.add(new StreamItem.Failed(UpstreamFailure.of(FailureKind.STREAM_CUT, 0,
                    "sandbox: simulated connection reset in the middle of the stream")));
            terminalProduced = true;
        } else if (produced >= paced) {
            while (produced < chunks.size()) {
                queue.add(new StreamItem.Chunk(chunks.get(produced++)));
            }
            queue.add(StreamItem.END);
            terminalProduced = true;
        }
    }

    private void deliver() {
        if (delivering) {
            return;
        }
        delivering = true;
        try {
            while (handler != null && !paused && !cancelled && !queue.isEmpty()) {
                handler.handle(queue.poll());
            }
        } finally {
            delivering = false;
        }
    }

    private void stopTimer() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
    }
}
