package dev.freeport.provider.http;

import dev.freeport.api.Timeouts;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.UpstreamFailure;
import io.vertx.core.Vertx;

import java.util.function.Consumer;

/**
 * The first-byte and total timeouts of one non-streaming exchange as one deadline: it expires at the earlier of
 * the two; at the first-byte deadline with the answer's head already there it is set again for the rest of the
 * total. On an event loop the deadline is an entry in the loop's {@link LoopDeadlines} (no Vert.x timer per
 * exchange: most answers come long before either timeout, and cancelling is an unlink); off a loop it is a Vert.x
 * timer. Runs on the request's event loop. {@link WholeExchange} is the exchange itself: its own timer.
 */
sealed class ExchangeTimer extends LoopDeadlines.Entry permits WholeExchange {
    private final Vertx vertx;
    private final Timeouts timeouts;
    private final Consumer<UpstreamFailure> onExpiry;
    private final long start = System.nanoTime();
    /** the loop's deadlines, or null off an event loop (then {@link #timer} is a Vert.x timer) */
    private final LoopDeadlines loop;
    private boolean headArrived;
    private boolean done;
    private boolean totalOnly;
    private long timer;

    /** A timer that hands its timeout to {@code expired}; null: to {@link #timedOut}, which a subclass overrides. */
    ExchangeTimer(Vertx vertx, Timeouts timeouts, Consumer<UpstreamFailure> expired) {
        this.vertx = vertx;
        this.timeouts = timeouts;
        this.onExpiry = expired;
        this.loop = LoopDeadlines.current(vertx);
        long firstByte = timeouts.firstByte().toNanos();
        long total = timeouts.total().toNanos();
        totalOnly = firstByte >= total;
        due(Math.max(1_000_000, Math.min(firstByte, total)));
    }

    /** The answer's status line and headers came: the first-byte timeout no longer applies. */
    void headArrived() {
        headArrived = true;
    }

    void cancel() {
        done = true;
        if (loop != null) {
            loop.remove(this);
        } else {
            vertx.cancelTimer(timer);
        }
    }

    /** Expires {@code nanos} after the exchange started. */
    private void due(long nanos) {
        if (loop != null) {
            loop.add(this, start + nanos);
        } else {
            long left = (start + nanos - System.nanoTime() + 999_999) / 1_000_000;
            timer = vertx.setTimer(Math.max(1, left), id -> expired());
        }
    }

    @Override
    void expired() {
        if (done) {
            return;
        }
        if (totalOnly) {
            done = true;
            timedOut(UpstreamFailure.of(FailureKind.TIMEOUT, 0, "answer not complete within " + timeouts.total()));
        } else if (!headArrived) {
            done = true;
            timedOut(UpstreamFailure.of(FailureKind.TIMEOUT, 0, "no answer within " + timeouts.firstByte()));
        } else {
            totalOnly = true;
            due(Math.max(1_000_000, timeouts.total().toNanos()));
        }
    }

    /** The exchange timed out (once, on the loop). */
    void timedOut(UpstreamFailure failure) {
        onExpiry.accept(failure);
    }
}
