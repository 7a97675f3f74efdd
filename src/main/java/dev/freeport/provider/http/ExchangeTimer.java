package dev.freeport.provider.http;

import dev.freeport.api.Timeouts;
import dev.freeport.provider.FailureKind;
import dev.freeport.provider.UpstreamFailure;
import io.vertx.core.Vertx;

import java.util.function.Consumer;

/**
 * The first-byte and total timeouts of one non-streaming exchange on one timer: it fires at the earlier of the
 * two; at the first-byte deadline with the answer's head already there it re-arms for the rest of the total. Most
 * answers come long before either: one timer made and cancelled per request instead of two. Runs on the
 * request's event loop.
 */
final class ExchangeTimer {
    private final Vertx vertx;
    private final Timeouts timeouts;
    private final Consumer<UpstreamFailure> expired;
    private final long start = System.nanoTime();
    private boolean headArrived;
    private boolean done;
    private long timer;

    ExchangeTimer(Vertx vertx, Timeouts timeouts, Consumer<UpstreamFailure> expired) {
        this.vertx = vertx;
        this.timeouts = timeouts;
        this.expired = expired;
        long firstByte = timeouts.firstByte().toMillis();
        long total = timeouts.total().toMillis();
        timer = firstByte < total ? vertx.setTimer(Math.max(1, firstByte), id -> firstByteDue())
                : vertx.setTimer(Math.max(1, total), id -> totalDue());
    }

    /** The answer's status line and headers came: the first-byte timeout no longer applies. */
    void headArrived() {
        headArrived = true;
    }

    void cancel() {
        done = true;
        vertx.cancelTimer(timer);
    }

    private void firstByteDue() {
        if (done) {
            return;
        }
        if (!headArrived) {
            expired.accept(UpstreamFailure.of(FailureKind.TIMEOUT, 0, "no answer within " + timeouts.firstByte()));
            return;
        }
        long left = timeouts.total().toMillis() - (System.nanoTime() - start) / 1_000_000;
        timer = vertx.setTimer(Math.max(1, left), id -> totalDue());
    }

    private void totalDue() {
        if (!done) {
            expired.accept(UpstreamFailure.of(FailureKind.TIMEOUT, 0, "answer not complete within "
                    + timeouts.total()));
        }
    }
}
