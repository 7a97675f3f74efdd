package dev.freeport.ledger;

import dev.freeport.config.LedgerConfig;
import dev.freeport.route.Attempt;
import dev.freeport.route.RouteDecision;
import dev.freeport.route.Target;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The request thread's CPU per journaled event, in nanoseconds: {@code encode} ({@link EventCodec#write} into the
 * thread's buffer), {@code crc} (encode and its CRC-32) and {@code record} ({@link JournaledLedger#record}: encode,
 * CRC, the copy into the mapped segment under the journal's lock, the mover's queue), over bench-shaped events (the
 * bench's routing decision, differing only in its attempt's millis). Parts alternate in one process, each
 * repetition 100,000 events recorded 2,000 at a time (the mover catches up between: every rotation finds
 * its spare, as in a gateway); CPU of this thread from {@code ThreadMXBean}; prints the median and quartiles.
 * Usage: {@code java -cp ... dev.freeport.ledger.JournalAppendBench [repetitions=10]}.
 */
public final class JournalAppendBench {

    private JournalAppendBench() {
    }

    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        var bean = ManagementFactory.getThreadMXBean();
        RouteDecision plan = new RouteDecision("ordered", null, null,
                List.of(new RouteDecision.Candidate("fast/bench-upstream", "fast", 1, null, null)), null, null);
        Target target = new Target(null, "bench-upstream", 1, null, null, null, null, null, null,
                "fast/bench-upstream");
        int n = 100_000;
        UsageEvent[] events = new UsageEvent[n];
        for (int i = 0; i < n; i++) {
            String d = plan.toJson("fast/bench-upstream", List.of(new Attempt(target, null, 1 + (i & 3))));
            events[i] = LedgerShareBench.event(i, d);
        }
        System.out.printf("record %d bytes, decision %d chars%n", EventCodec.encode(events[0]).length,
                events[0].facts().decision().length());
        Path dir = Files.createTempDirectory("journal-append");
        String[] parts = {"encode", "crc", "record"};
        long[][] ns = new long[parts.length][reps];
        long sink = 0;
        try (JournaledLedger ledger = JournaledLedger.open(new LedgerConfig(dir, 1000, Duration.ofMillis(50)))) {
            for (int rep = -5; rep < reps; rep++) { // 5 repetitions of warm-up
                for (int k = 0; k < parts.length; k++) {
                    int v = (k + Math.floorMod(rep, parts.length)) % parts.length;
                    long cpu = 0;
                    for (int from = 0; from < n; from += 2_000) {
                        long t0 = bean.getCurrentThreadCpuTime();
                        for (int i = from; i < from + 2_000; i++) {
                            UsageEvent e = events[i];
                            if (v == 2) {
                                ledger.record(e); // ids repeat: the database ignores the repeats
                            } else {
                                RecordOut out = EventCodec.write(e);
                                sink += v == 1 ? out.crc32() : out.size();
                                out.release();
                            }
                        }
                        cpu += bean.getCurrentThreadCpuTime() - t0;
                        if (v == 2) {
                            ledger.flush(); // as in a gateway, the mover keeps up: every rotation finds its spare
                        }
                    }
                    if (rep >= 0) {
                        ns[v][rep] = cpu / n;
                    }
                }
            }
            System.out.printf("rotations that found no spare: %d%n", ledger.syncSegmentAllocations());
        }
        for (int v = 0; v < parts.length; v++) {
            long[] s = ns[v].clone();
            Arrays.sort(s);
            System.out.printf("%-7s median %d ns per event (quartiles %d / %d)%n", parts[v], s[reps / 2], s[reps / 4],
                    s[3 * reps / 4]);
        }
        System.out.println(sink == 42 ? "" : "done");
    }
}
