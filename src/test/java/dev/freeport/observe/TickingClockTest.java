package dev.freeport.observe;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The metrics registry's clock: the wall time of its last tick, moved on by its timer. */
class TickingClockTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close();
    }

    @Test
    void theWallTimeMovesOnWithTheTicksAndStaysWithinATickOfTheRealOne() throws InterruptedException {
        TickingClock clock = new TickingClock(vertx);
        long first = clock.wallTime();
        Thread.sleep(TickingClock.TICK_MS * 2 + 200);
        long later = clock.wallTime();
        long real = System.currentTimeMillis();
        clock.close();
        assertThat(later).isGreaterThan(first);
        assertThat(real - later).isBetween(0L, TickingClock.TICK_MS + 500); // one tick, and a loaded machine's delay
    }
}
