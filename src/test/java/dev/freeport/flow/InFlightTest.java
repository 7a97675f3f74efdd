package dev.freeport.flow;

import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;
import dev.freeport.provider.Cancellation;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The requests in flight: per event loop, a few field writes a request, all cancelled at the end of a drain. */
class InFlightTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().await();
    }

    private <T> T onLoop(java.util.function.Supplier<T> work) throws Exception {
        CompletableFuture<T> done = new CompletableFuture<>();
        vertx.runOnContext(v -> done.complete(work.get()));
        return done.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aRequestOnAnEventLoopAllocatesOnlyItsEntry() throws Exception {
        InFlight inFlight = new InFlight();
        Cancellation c = new Cancellation();
        long perRequest = onLoop(() -> {
            var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long id = Thread.currentThread().threadId();
            for (int i = 0; i < 20_000; i++) { // warm up
                inFlight.remove(inFlight.add(c));
            }
            int n = 100_000;
            long before = threads.getThreadAllocatedBytes(id);
            for (int i = 0; i < n; i++) {
                inFlight.remove(inFlight.add(c));
            }
            return (threads.getThreadAllocatedBytes(id) - before) / n;
        });
        assertThat(perRequest).as("bytes allocated per request added and removed").isLessThanOrEqualTo(40);
    }

    @Test
    void cancelAllReachesRequestsOnEveryLoopAndOffThem() throws Exception {
        InFlight inFlight = new InFlight();
        List<Cancellation> all = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Cancellation c = new Cancellation();
            all.add(c);
            onLoop(() -> inFlight.add(c));
        }
        Cancellation off = new Cancellation();
        all.add(off);
        InFlight.Entry offEntry = inFlight.add(off);
        Cancellation ended = new Cancellation();
        InFlight.Entry endedEntry = onLoop(() -> inFlight.add(ended));
        onLoop(() -> {
            inFlight.remove(endedEntry);
            return null;
        });
        assertThat(inFlight.size()).isEqualTo(4);

        inFlight.cancelAll(GatewayError.of(ErrorKind.SHUTDOWN, "stopping"));
        onLoop(() -> null); // the loop ran the cancellations posted before this
        assertThat(all).allMatch(Cancellation::isCancelled);
        assertThat(ended.isCancelled()).isFalse();
        inFlight.remove(offEntry);
        assertThat(inFlight.size()).isEqualTo(3);
    }
}
