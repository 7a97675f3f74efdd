package dev.freeport.provider.http;

import dev.freeport.api.Timeouts;
import dev.freeport.provider.UpstreamFailure;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ExchangeTimerTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close();
    }

    private static Timeouts timeouts(long firstByteMillis, long totalMillis) {
        return new Timeouts(Duration.ofSeconds(1), Duration.ofMillis(firstByteMillis), Duration.ofSeconds(1),
                Duration.ofMillis(totalMillis));
    }

    /** Starts a timer on an event loop; {@code headAfter} >= 0: the head arrives after that many ms. */
    private CompletableFuture<String> expiry(Timeouts t, long headAfter, long[] elapsed) {
        CompletableFuture<String> message = new CompletableFuture<>();
        long start = System.nanoTime();
        vertx.runOnContext(v -> {
            ExchangeTimer timer = new ExchangeTimer(vertx, t, (UpstreamFailure f) -> {
                elapsed[0] = (System.nanoTime() - start) / 1_000_000;
                message.complete(f.message());
            });
            if (headAfter >= 0) {
                vertx.setTimer(Math.max(1, headAfter), id -> timer.headArrived());
            }
        });
        return message;
    }

    @Test
    void noHeadByTheFirstByteTimeoutExpiresWithTheFirstByteMessage() throws Exception {
        long[] elapsed = new long[1];
        String message = expiry(timeouts(80, 2_000), -1, elapsed).get(5, TimeUnit.SECONDS);
        assertThat(message).startsWith("no answer within");
        assertThat(elapsed[0]).isBetween(75L, 1_500L);
    }

    @Test
    void aHeadInTimeLeavesTheTotalTimeoutRunningToItsEnd() throws Exception {
        long[] elapsed = new long[1];
        String message = expiry(timeouts(80, 400), 10, elapsed).get(5, TimeUnit.SECONDS);
        assertThat(message).startsWith("answer not complete within");
        assertThat(elapsed[0]).isGreaterThanOrEqualTo(395L);
    }

    @Test
    void aCancelledTimerNeverExpires() throws Exception {
        CompletableFuture<String> message = new CompletableFuture<>();
        vertx.runOnContext(v -> new ExchangeTimer(vertx, timeouts(30, 60), f -> message.complete(f.message()))
                .cancel());
        Thread.sleep(200);
        assertThat(message).isNotDone();
    }

    @Test
    void exchangesWithDifferentTimeoutsExpireEachAtItsOwnDeadline() throws Exception {
        long[] late = new long[1];
        long[] early = new long[1];
        CompletableFuture<String> lateOne = expiry(timeouts(400, 2_000), -1, late);
        CompletableFuture<String> earlyOne = expiry(timeouts(60, 2_000), -1, early);
        earlyOne.get(5, TimeUnit.SECONDS);
        lateOne.get(5, TimeUnit.SECONDS);
        assertThat(early[0]).isBetween(55L, 350L);
        assertThat(late[0]).isGreaterThanOrEqualTo(395L);
    }

    @Test
    void anExchangeOnAnEventLoopMakesNoVertxTimer() throws Exception {
        Timeouts t = timeouts(60_000, 600_000);
        long perExchange = vertx.<Long>executeBlocking(() -> 0L).compose(x -> {
            CompletableFuture<Long> bytes = new CompletableFuture<>();
            vertx.runOnContext(v -> {
                var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory
                        .getThreadMXBean();
                for (int i = 0; i < 50_000; i++) {
                    new ExchangeTimer(vertx, t, f -> { }).cancel(); // warm up
                }
                int n = 50_000;
                long before = threads.getCurrentThreadAllocatedBytes();
                long cpu = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < n; i++) {
                    new ExchangeTimer(vertx, t, f -> { }).cancel();
                }
                System.out.printf("exchange timer: %d ns CPU per exchange started and cancelled%n",
                        (threads.getCurrentThreadCpuTime() - cpu) / n);
                bytes.complete((threads.getCurrentThreadAllocatedBytes() - before) / n);
            });
            return io.vertx.core.Future.fromCompletionStage(bytes);
        }).await();
        System.out.printf("exchange timer: %d bytes allocated per exchange started and cancelled%n", perExchange);
        // the timer itself; a Vert.x timer per exchange (its handler, its id boxed in Vert.x's map, Netty's
        // scheduled task, the lambda) cost some 250 more
        assertThat(perExchange).isLessThan(150);
    }
}
