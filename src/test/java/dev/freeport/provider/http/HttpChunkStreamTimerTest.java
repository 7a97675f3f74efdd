package dev.freeport.provider.http;

import dev.freeport.api.Timeouts;
import dev.freeport.provider.UpstreamException;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A stream's deadlines (first byte, then idle; total) are guarded by one timer, not one per deadline. */
class HttpChunkStreamTimerTest {
    private final Vertx vertx = Vertx.vertx();
    private static final StreamDecoder NOTHING = new StreamDecoder() {
        @Override
        public void onEvent(SseEvent event, java.util.function.Consumer<dev.freeport.provider.StreamItem> out) {
        }

        @Override
        public void onClose(java.util.function.Consumer<dev.freeport.provider.StreamItem> out) {
        }
    };

    @AfterEach
    void close() {
        vertx.close().await();
    }

    private static Timeouts timeouts(long firstByteMillis, long totalMillis) {
        return new Timeouts(Duration.ofSeconds(10), Duration.ofMillis(firstByteMillis), Duration.ofSeconds(10),
                Duration.ofMillis(totalMillis));
    }

    @Test
    void aStreamMakesOneTimerForAllItsDeadlines() {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        Timeouts t = timeouts(60_000, 600_000);
        for (int i = 0; i < 20_000; i++) {
            new HttpChunkStream(vertx, NOTHING, t).cancel();
        }
        int n = 20_000;
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < n; i++) {
            new HttpChunkStream(vertx, NOTHING, t).cancel();
        }
        long perStream = (threads.getCurrentThreadAllocatedBytes() - before) / n;
        System.out.printf("stream timers: %d bytes allocated per stream made and cancelled%n", perStream);
        // made off the event loop (so each timer also costs its hand-over to the loop): 1,104 bytes; a second timer
        // for the total time (its handler, Netty's scheduled task, the lambda, the cancel) cost 1,701
        assertThat(perStream).isLessThan(1_400);
    }

    @Test
    void aTotalTimeoutEarlierThanTheFirstByteOneEndsTheStreamFirst() {
        HttpChunkStream stream = new HttpChunkStream(vertx, NOTHING, timeouts(10_000, 100));
        Throwable failure = stream.committed().toCompletionStage().toCompletableFuture()
                .handle((ok, e) -> e).join();
        assertThat(failure).isInstanceOf(UpstreamException.class)
                .hasMessageContaining("stream not complete within PT0.1S");
    }

    @Test
    void aFirstByteTimeoutEarlierThanTheTotalOneEndsTheStreamFirst() {
        HttpChunkStream stream = new HttpChunkStream(vertx, NOTHING, timeouts(100, 10_000));
        Throwable failure = stream.committed().toCompletionStage().toCompletableFuture()
                .handle((ok, e) -> e).join();
        assertThat(failure).isInstanceOf(UpstreamException.class).hasMessageContaining("no first chunk within PT0.1S");
    }
}
