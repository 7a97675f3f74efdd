package dev.freeport.ledger;

import dev.freeport.api.Usage;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The database side of the ledger alone: CPU µs and bytes allocated per event that {@link LedgerDb#insert} costs
 * the ledger thread, for events shaped like the benchmark's (a keyed request with request facts and a routing
 * decision). Usage: {@code java -cp ... dev.freeport.ledger.LedgerInsertBench [events=200000] [batch=500]}.
 */
public final class LedgerInsertBench {

    private LedgerInsertBench() {
    }

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        Path dir = Files.createTempDirectory("ledger-bench");
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (LedgerDb db = LedgerDb.openWritable(dir.resolve("freeport.db"))) {
            for (String sql : System.getProperty("bench.sql", "").split(";")) { // experiments: -Dbench.sql=...
                if (!sql.isBlank()) {
                    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("freeport.db"));
                         var st = c.createStatement()) {
                        st.execute(sql);
                    }
                }
            }
            for (int round = 0; round < 3; round++) {
                long cpu0 = bean.getCurrentThreadCpuTime();
                int done = 0;
                while (done < total) {
                    List<UsageEvent> events = new ArrayList<>(batch);
                    for (int i = 0; i < batch; i++) {
                        events.add(event(round * total + done + i));
                    }
                    db.insert(events);
                    done += batch;
                }
                double us = (bean.getCurrentThreadCpuTime() - cpu0) / 1e3 / done;
                System.out.printf("round %d: %d events, %.2f µs CPU/event (warm-up, incl. building events)%n", round, done, us);
            }
            long b0 = bean.getCurrentThreadAllocatedBytes();
            long c0 = bean.getCurrentThreadCpuTime();
            List<List<UsageEvent>> batches = new ArrayList<>();
            for (int done = 0; done < total; done += batch) {
                List<UsageEvent> events = new ArrayList<>(batch);
                for (int i = 0; i < batch; i++) {
                    events.add(event(10 * total + done + i));
                }
                batches.add(events);
            }
            long b1 = bean.getCurrentThreadAllocatedBytes();
            long c1 = bean.getCurrentThreadCpuTime();
            for (List<UsageEvent> events : batches) {
                db.insert(events);
            }
            long b2 = bean.getCurrentThreadAllocatedBytes();
            long c2 = bean.getCurrentThreadCpuTime();
            System.out.printf("insert only: %.2f µs CPU/event, %d B allocated/event (building: %.2f µs)%n",
                    (c2 - c1) / 1e3 / total, (b2 - b1) / total, (c1 - c0) / 1e3 / total);
        }
    }

    static UsageEvent event(int n) {
        RequestFacts facts = new RequestFacts("openai", null, null, Long.toHexString(n * 31L),
                null, 0, Long.toHexString(n * 17L), 1, 16, "stop", false,
                "{\"strategy\":\"ordered\",\"candidates\":[{\"target\":\"fast/bench-upstream\",\"vendor\":\"fast\","
                        + "\"rank\":1}],\"chosen\":\"fast/bench-upstream\",\"attempts\":[{\"target\":"
                        + "\"fast/bench-upstream\",\"millis\":1}]}");
        long time = 1_780_000_000_000L + n / 10;
        String id = "req_" + Long.toHexString(time)
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffffffL | 0x1000000000000L)
                .substring(1); // as the gateway's request ids: time first, then random
        return UsageEvent.builder(id, Instant.ofEpochMilli(time))
                .caller("bench").keyId("k_0123456789abcdef").endpoint("chat").alias("bench")
                .target("fast", "bench-upstream").attempts(1).outcome(UsageEvent.Status.OK, 200, null, null)
                .stream(false).usage(new Usage(25, 20, 0, 0, 0, false)).costNanos(42_500).latency(1, null)
                .facts(facts).build();
    }
}
