package dev.freeport.observe;

import io.micrometer.core.instrument.Clock;
import io.vertx.core.Vertx;

/**
 * The metrics registry's clock: the wall time as of the last tick (a Vert.x timer, once every {@link #TICK_MS}), the
 * monotonic time exact. Micrometer reads the wall time on every record of a timer or a distribution summary (each
 * histogram checks whether its window rotates, each maximum too): six clock reads per request for the duration and
 * the two token-usage histograms, ~165 of their ~250 ns (BENCHMARKS.md, "Ninth pass, flow9"). What reads it only
 * rotates windows of minutes (the maxima's two-minute window in three steps; the Prometheus histograms do not
 * rotate), so a tick of a second changes no figure a scrape shows by more than that second's rotation. Durations
 * are recorded as values (from the request's own nanoTime reads), never from this clock.
 */
final class TickingClock implements Clock {
    static final long TICK_MS = 1000;

    private final Vertx vertx;
    private final long timer;
    private volatile long wall = System.currentTimeMillis();

    TickingClock(Vertx vertx) {
        this.vertx = vertx;
        this.timer = vertx.setPeriodic(TICK_MS, id -> wall = System.currentTimeMillis());
    }

    @Override
    public long wallTime() {
        return wall;
    }

    @Override
    public long monotonicTime() {
        return System.nanoTime();
    }

    /** Stops the ticks. */
    void close() {
        vertx.cancelTimer(timer);
    }
}
