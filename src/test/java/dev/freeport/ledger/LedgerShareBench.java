package dev.freeport.ledger;

import dev.freeport.api.Usage;
import dev.freeport.config.LedgerConfig;
import dev.freeport.route.Attempt;
import dev.freeport.route.RouteDecision;
import dev.freeport.route.Target;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The ledger's whole share of a request, in process: the routing decision's text (written on the event loop), the
 * journal append ({@link JournaledLedger#record} on the event loop) and the ledger thread's move into SQLite, for
 * events shaped like the benchmark's (one target, served at its first attempt, a keyed request whose prompts repeat).
 * Prints CPU µs and bytes allocated per request of the recording thread and of the {@code freeport-ledger} thread
 * ({@code ThreadMXBean}: load-independent bytes, CPU time of each thread). Usage:
 * {@code java -cp ... dev.freeport.ledger.LedgerShareBench [events=200000] [rounds=5]}.
 */
public final class LedgerShareBench {

    private static final int BATCH = 500;

    private LedgerShareBench() {
    }

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Path dir = Files.createTempDirectory("ledger-share");
        RouteDecision plan = new RouteDecision("ordered", null, null,
                List.of(new RouteDecision.Candidate("fast/bench-upstream", "fast", 1, null, null)), null, null);
        Target target = new Target(null, "bench-upstream", 1, null, null, null, null, null, null,
                "fast/bench-upstream");
        try (JournaledLedger ledger = JournaledLedger.open(new LedgerConfig(dir, BATCH, Duration.ofSeconds(1)))) {
            long mover = moverId();
            System.out.printf("decision text: %s%n", plan.toJson("fast/bench-upstream",
                    List.of(new Attempt(target, null, 1))));
            for (int round = 0; round < rounds; round++) {
                UsageEvent[] events = new UsageEvent[total];
                for (int i = 0; i < total; i++) {
                    events[i] = event(round * total + i, null);
                }
                ledger.flush();
                long dc0 = bean.getCurrentThreadCpuTime();
                long db0 = bean.getCurrentThreadAllocatedBytes();
                String[] decisions = new String[total];
                for (int i = 0; i < total; i++) {
                    decisions[i] = plan.toJson("fast/bench-upstream", List.of(new Attempt(target, null, 1 + (i & 3))));
                }
                long dc1 = bean.getCurrentThreadCpuTime();
                long db1 = bean.getCurrentThreadAllocatedBytes();
                String variant = System.getProperty("share.decision", "as-written"); // experiments
                for (int i = 0; i < total; i++) {
                    String d = switch (variant) {
                        case "none" -> null;
                        case "plan-ref" -> "{\"plan\":\"9e3779b97f4a7c15\",\"millis\":" + (1 + (i & 3)) + "}";
                        default -> decisions[i];
                    };
                    events[i] = withDecision(events[i], d);
                }
                int record = EventCodec.encode(events[0]).length;
                long ec0 = bean.getCurrentThreadCpuTime();
                int crcs = 0;
                for (UsageEvent e : events) {
                    RecordOut out = EventCodec.write(e);
                    crcs += out.crc32();
                    out.release();
                }
                long ec1 = bean.getCurrentThreadCpuTime();
                long lc0 = bean.getThreadCpuTime(mover);
                long lb0 = bean.getThreadAllocatedBytes(mover);
                long rc = 0;
                long rb = 0;
                for (int from = 0; from < total; from += BATCH) { // as the gateway: the mover keeps up
                    long rc0 = bean.getCurrentThreadCpuTime();
                    long rb0 = bean.getCurrentThreadAllocatedBytes();
                    for (int i = from; i < from + BATCH; i++) {
                        ledger.record(events[i]);
                    }
                    rc += bean.getCurrentThreadCpuTime() - rc0;
                    rb += bean.getCurrentThreadAllocatedBytes() - rb0;
                    while (ledger.pendingEvents() > 0) { // not flush(): no waiter for the mover to wake
                        Thread.sleep(1);
                    }
                }
                long lc1 = bean.getThreadCpuTime(mover);
                long lb1 = bean.getThreadAllocatedBytes(mover);
                System.out.printf("round %d: decision %d chars %.3f µs %d B | record %d B: encode+crc %.3f µs, "
                                + "append %.3f µs %d B | ledger thread %.2f µs %d B per event (sync segments %d, %d)%n",
                        round, decisions[0].length(),
                        (dc1 - dc0) / 1e3 / total, (db1 - db0 - 16L * total) / total, record,
                        (ec1 - ec0) / 1e3 / total,
                        rc / 1e3 / total, rb / total,
                        (lc1 - lc0) / 1e3 / total, (lb1 - lb0) / total, ledger.syncSegmentAllocations(), crcs & 1);
            }
        }
    }

    private static long moverId() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("freeport-ledger")) {
                return t.threadId();
            }
        }
        throw new IllegalStateException("no ledger thread");
    }

    private static UsageEvent withDecision(UsageEvent e, String decision) {
        return e.toBuilder(e.id()).facts(e.facts().withDecision(decision)).build();
    }

    /** A bench-shaped event: the gateway's id form, one of 64 prompts, no prefix, a conversation per prompt. */
    static UsageEvent event(int n, String decision) {
        long prompt = 0x9E3779B97F4A7C15L * (n % 64 + 1);
        RequestFacts facts = new RequestFacts("openai", null, null, prompt, 0, 0, prompt ^ 0x5bd1e995L, 1, 16,
                "stop", false, decision);
        long time = 1_780_000_000_000L + n / 10;
        String id = "req_" + Long.toHexString(time)
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffffffL | 0x1000000000000L)
                .substring(1);
        return UsageEvent.builder(id, Instant.ofEpochMilli(time))
                .caller("bench").keyId("k_0123456789abcdef").endpoint("chat").alias("bench")
                .target("fast", "bench-upstream").attempts(1).outcome(UsageEvent.Status.OK, 200, null, null)
                .stream(false).usage(new Usage(25, 20, 0, 0, 0, false)).costNanos(42_500).latency(1, null)
                .facts(facts).build();
    }
}
