package dev.freeport.server;

import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import io.netty.util.concurrent.EventExecutor;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JSON chat request's whole path through the gateway's event loops (the edge, the flow, a key with a budget and
 * rate limits, the upstream exchange, the ledger's hand-off, the answer), measured in bytes allocated on those
 * loops per request: a figure the machine's load does not move. The caller and the fake upstream run on threads of
 * their own.
 */
class ChatFlowAllocationTest {
    private static final String ADMIN = "admin-secret";
    private static final String BODY = "{\"model\":\"bench\",\"stream\":false,\"messages\":[{\"role\":\"system\","
            + "\"content\":\"You are terse.\"},{\"role\":\"user\",\"content\":\"Give me one sentence about gateways "
            + "and latency.\"}],\"max_tokens\":64}";

    @Test
    void aJsonChatRequestAllocatesABoundedAmountOnTheEventLoops() throws Exception {
        FakeUpstream up = FakeUpstream.start();
        up.setDefault(Reply.ok("Gateways add a hop; a good one adds almost no latency to it at all."));
        try (TestGateway gw = TestGateway.builder().openai("fast", up.baseUrl())
                .alias("bench", "fast/bench-upstream").adminKey(ADMIN).keys().start()) {
            HttpResponse<String> made = gw.call("POST", "/admin/keys", "{\"name\":\"bench\",\"budget\":"
                    + "\"1000000usd/month\",\"rpm\":100000000,\"tpm\":100000000000}", "authorization", "Bearer " + ADMIN);
            assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
            String key = TestGateway.json(made.body()).get("secret").asText();
            List<Long> loops = new ArrayList<>();
            for (EventExecutor e : ((io.vertx.core.internal.VertxInternal) gw.gateway().vertx()).nettyEventLoopGroup()) {
                loops.add(e.submit(() -> Thread.currentThread().threadId()).get());
            }
            var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            for (int i = 0; i < 6_000; i++) {
                send(gw, key); // warm up: let the JIT settle
            }
            int n = 3_000;
            long before = allocated(threads, loops);
            for (int i = 0; i < n; i++) {
                send(gw, key);
            }
            long perRequest = (allocated(threads, loops) - before) / n;
            System.out.printf("chat flow: %d bytes allocated on the event loops per JSON request%n", perRequest);
            // a guard, not a precise figure: measured 15,700-16,500 (16,500-16,700 before the flow's steps that
            // answer at once stopped making futures, and before the exchange timers of LoopDeadlines); the JIT's
            // state moves it by some 800 bytes between runs
            assertThat(perRequest).isLessThan(18_000);
        } finally {
            up.close();
        }
    }

    private static void send(TestGateway gw, String key) {
        HttpResponse<String> r = gw.post("/v1/chat/completions", BODY, "authorization", "Bearer " + key);
        if (r.statusCode() != 200) {
            throw new AssertionError(r.statusCode() + " " + r.body());
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
