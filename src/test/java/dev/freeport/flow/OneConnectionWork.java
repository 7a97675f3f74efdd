package dev.freeport.flow;

import dev.freeport.server.TestGateway;
import dev.freeport.testing.FakeUpstream;
import dev.freeport.testing.Reply;
import io.netty.util.concurrent.EventExecutor;

import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The gateway's event-loop work on one JSON chat request at one connection, split where the latency is made: from
 * the caller's request to the upstream's (phase "before": the fake upstream reads the loops' counters when the
 * request reaches it, once the loops are idle), and from there until the loops are idle after the answer (phase
 * "after": the upstream's answer read, the caller's answer written, and whatever runs after that write). "Seen":
 * the part of "after" done when the answer's first bytes reached the caller, which reads by spinning on a
 * non-blocking socket (within microseconds of the write, when its thread has a core: on a loaded machine an
 * indication, not an exact split). Thread CPU time
 * and bytes allocated, which the machine's load moves little. A tool, not a test:
 * {@code java -cp target/test-classes:target/classes:$(cat target/bench.cp) dev.freeport.flow.OneConnectionWork
 * [requests]}; {@link OneConnectionWorkTest} runs it small.
 */
public final class OneConnectionWork {
    private static final String ADMIN = "admin-secret";
    static final String BODY = "{\"model\":\"bench\",\"stream\":false,\"messages\":[{\"role\":\"system\","
            + "\"content\":\"You are terse.\"},{\"role\":\"user\",\"content\":\"Give me one sentence about gateways "
            + "and latency.\"}],\"max_tokens\":64}";
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Medians of CPU nanoseconds, means of bytes, per request. */
    record Work(long beforeNanos, long afterNanos, long seenNanos, long beforeBytes, long afterBytes,
                long seenBytes) {
        @Override
        public String toString() {
            return String.format("before the upstream request: %,d ns CPU, %,d B; after the upstream's answer: %,d ns"
                    + " CPU, %,d B (until the answer's first bytes reached the caller: %,d ns, %,d B)", beforeNanos,
                    beforeBytes, afterNanos, afterBytes, seenNanos, seenBytes);
        }
    }

    private OneConnectionWork() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 3_000;
        System.out.println("one connection, JSON: " + measure(n, n));
        System.exit(0);
    }

    /** {@code warmUp} requests, then {@code n} measured. */
    static Work measure(int warmUp, int n) throws Exception {
        Counters atUpstream = new Counters();
        try (FakeUpstream up = FakeUpstream.start()) {
            // as bench/freeport-bench.yaml: a priced target, and the metrics module (its request meters) on
            try (TestGateway gw = TestGateway.builder().openai("fast", up.baseUrl())
                    .pricedAlias("bench", new dev.freeport.config.PriceConfig(new java.math.BigDecimal("0.50"),
                            new java.math.BigDecimal("1.50"), null, null, null), "fast/bench-upstream")
                    .module((vx, cfg) -> dev.freeport.observe.ObserveModule.open(vx, cfg, null, null))
                    .adminKey(ADMIN).keys().start()) {
                HttpResponse<String> made = gw.call("POST", "/admin/keys", "{\"name\":\"bench\",\"budget\":"
                                + "\"1000000usd/month\",\"rpm\":100000000,\"tpm\":100000000000}", "authorization",
                        "Bearer " + ADMIN);
                if (made.statusCode() != 201) {
                    throw new AssertionError(made.body());
                }
                String key = TestGateway.json(made.body()).get("secret").asText();
                long[] loops = loops(gw);
                up.respondWith(r -> {
                    atUpstream.read(loops);
                    return Reply.ok("Gateways add a hop; a good one adds almost no latency to it at all.");
                });
                RawClient client = new RawClient(java.net.URI.create(gw.base()).getPort(), key);
                for (int i = 0; i < warmUp; i++) {
                    client.send(null, loops);
                }
                long[] before = new long[n], after = new long[n], seen = new long[n];
                long beforeBytes = 0, afterBytes = 0, seenBytes = 0;
                Counters start = new Counters(), answered = new Counters(), idle = new Counters();
                start.read(loops);
                for (int i = 0; i < n; i++) {
                    client.send(answered, loops);
                    idle.read(loops);
                    before[i] = atUpstream.cpu - start.cpu;
                    after[i] = idle.cpu - atUpstream.cpu;
                    seen[i] = answered.cpu - atUpstream.cpu;
                    beforeBytes += atUpstream.bytes - start.bytes;
                    afterBytes += idle.bytes - atUpstream.bytes;
                    seenBytes += answered.bytes - atUpstream.bytes;
                    start.copy(idle);
                }
                return new Work(median(before), median(after), median(seen), beforeBytes / n, afterBytes / n,
                        seenBytes / n);
            }
        }
    }

    /** The loops' CPU time and bytes allocated; {@link #read} waits until they are idle (unchanged for 0.3 ms). */
    private static final class Counters {
        volatile long cpu;
        volatile long bytes;

        void read(long[] loops) {
            long last = -1;
            while (true) {
                readNow(loops);
                if (cpu == last) {
                    return;
                }
                last = cpu;
                java.util.concurrent.locks.LockSupport.parkNanos(300_000);
            }
        }

        void readNow(long[] loops) {
            long c = 0, b = 0;
            for (long id : loops) {
                c += THREADS.getThreadCpuTime(id);
                b += THREADS.getThreadAllocatedBytes(id);
            }
            cpu = c;
            bytes = b;
        }

        void copy(Counters o) {
            cpu = o.cpu;
            bytes = o.bytes;
        }
    }

    /**
     * The caller: one kept-alive connection, read by spinning on a non-blocking socket, so that the loops' counters
     * are read within microseconds of the answer's first bytes arriving.
     */
    private static final class RawClient {
        private final java.nio.channels.SocketChannel socket;
        private final java.nio.ByteBuffer request;
        private final java.nio.ByteBuffer in = java.nio.ByteBuffer.allocate(64 * 1024);

        RawClient(int port, String key) throws java.io.IOException {
            socket = java.nio.channels.SocketChannel.open(new java.net.InetSocketAddress("127.0.0.1", port));
            socket.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
            socket.configureBlocking(false);
            byte[] body = BODY.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            request = java.nio.ByteBuffer.wrap(("POST /v1/chat/completions HTTP/1.1\r\nhost: 127.0.0.1\r\n"
                    + "authorization: Bearer " + key + "\r\ncontent-type: application/json\r\ncontent-length: "
                    + body.length + "\r\n\r\n" + BODY).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        /** One request; {@code firstBytes} (when not null) read as soon as the answer's first bytes arrived. */
        void send(Counters firstBytes, long[] loops) throws java.io.IOException {
            request.rewind();
            while (request.hasRemaining()) {
                socket.write(request);
            }
            in.clear();
            boolean first = true;
            while (true) {
                int n = socket.read(in);
                if (n < 0) {
                    throw new java.io.EOFException("the gateway closed the connection");
                }
                if (n == 0) {
                    Thread.onSpinWait();
                    continue;
                }
                if (first && firstBytes != null) {
                    firstBytes.readNow(loops);
                }
                first = false;
                if (complete()) {
                    return;
                }
            }
        }

        /** Whether the buffer holds a whole answer (head and content-length bytes of body); checks a 200. */
        private boolean complete() {
            String text = new String(in.array(), 0, in.position(), java.nio.charset.StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                return false;
            }
            if (!text.startsWith("HTTP/1.1 200")) {
                throw new AssertionError(text);
            }
            int at = text.toLowerCase(java.util.Locale.ROOT).indexOf("content-length:");
            int eol = text.indexOf("\r\n", at);
            int length = Integer.parseInt(text.substring(at + 15, eol).trim());
            return in.position() >= end + 4 + length;
        }
    }

    private static long[] loops(TestGateway gw) throws Exception {
        List<Long> ids = new ArrayList<>();
        for (EventExecutor e : ((io.vertx.core.internal.VertxInternal) gw.gateway().vertx()).nettyEventLoopGroup()) {
            ids.add(e.submit(() -> Thread.currentThread().threadId()).get());
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
