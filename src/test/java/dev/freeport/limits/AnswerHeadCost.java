package dev.freeport.limits;

import dev.freeport.caller.Limits;
import dev.freeport.config.AlertsConfig;
import dev.freeport.config.LimitsConfig;
import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import io.netty.util.concurrent.EventExecutor;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Bytes allocated on the event loops per admitted JSON chat request with the rate-limit headers (the bench's
 * answer head: 13 headers), in rounds, the median printed: a figure the machine's load does not move. A measure,
 * not a check: run it with {@code -Dtest=AnswerHeadCost} (twice, with and without
 * {@code -Dfreeport.edge.vertxAnswerHeaders=true} in the argLine, for the flow's headers in Vert.x's map).
 */
class AnswerHeadCost {
    @Test
    void bytesPerAdmittedAnswer() throws Exception {
        FakeUpstream up = FakeUpstream.start();
        up.setDefault(Reply.ok("hi").usage(10, 5));
        try (TestGateway gw = LimitsHarness.gateway(up, LimitsConfig.EMBEDDED, AlertsConfig.NONE,
                new LimitsHarness.MutableClock(Instant.parse("2026-11-26T10:00:00Z")),
                Map.of(LimitsHarness.KEY, LimitsHarness.principal("k1", null, new Limits(1_000_000_000, 1_000_000_000_000L,
                        null), null, Limits.NONE, null)), new AtomicReference<>())) {
            List<Long> loops = new ArrayList<>();
            for (EventExecutor e : ((io.vertx.core.internal.VertxInternal) gw.gateway().vertx()).nettyEventLoopGroup()) {
                loops.add(e.submit(() -> Thread.currentThread().threadId()).get());
            }
            var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            String body = LimitsHarness.chat(false, 10);
            for (int i = 0; i < 8_000; i++) {
                send(gw, body);
            }
            int rounds = 7;
            int n = 3_000;
            long[] perRequest = new long[rounds];
            for (int r = 0; r < rounds; r++) {
                long before = allocated(threads, loops);
                for (int i = 0; i < n; i++) {
                    send(gw, body);
                }
                perRequest[r] = (allocated(threads, loops) - before) / n;
            }
            Arrays.sort(perRequest);
            System.out.printf("answer head cost (vertxAnswerHeaders=%s): median %d B/request on the event loops, "
                    + "rounds %s%n", Boolean.getBoolean("freeport.edge.vertxAnswerHeaders"), perRequest[rounds / 2],
                    Arrays.toString(perRequest));
        } finally {
            up.close();
        }
    }

    private static void send(TestGateway gw, String body) {
        HttpResponse<String> r = LimitsHarness.post(gw, body);
        if (r.statusCode() != 200 || r.headers().firstValue("x-ratelimit-remaining-tokens").isEmpty()) {
            throw new AssertionError(r.statusCode() + " " + r.headers() + " " + r.body());
        }
    }

    private static long allocated(com.sun.management.ThreadMXBean threads, List<Long> ids) {
        long sum = 0;
        for (long id : ids) {
            sum += threads.getThreadAllocatedBytes(id);
        }
        return sum;
    }
}
