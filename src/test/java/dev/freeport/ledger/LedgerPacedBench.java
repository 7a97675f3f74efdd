package dev.freeport.ledger;

import dev.freeport.config.LedgerConfig;
import dev.freeport.route.Attempt;
import dev.freeport.route.RouteDecision;
import dev.freeport.route.Target;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The ledger thread's CPU and bytes per event at a steady request rate, as at the gateway: unlike
 * {@link LedgerShareBench} (which records 500 events and waits for the mover each time, so every transaction is a full
 * batch), a recording thread appends bench-shaped events at {@code rate} per second without ever waiting for the
 * mover, so the mover sees what the gateway's does: a wake-up every {@code batch} events and whatever arrived
 * while it committed. Prints, per round, the {@code freeport-ledger} thread's CPU µs and bytes per event
 * ({@code ThreadMXBean}) and its transactions per 1,000 events. Usage:
 * {@code java -cp ... dev.freeport.ledger.LedgerPacedBench [events=200000] [rounds=4] [rate=20000]
 * [batch=1000]} (a 200 ms flush interval: the defaults).
 */
public final class LedgerPacedBench {

    private LedgerPacedBench() {
    }

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Path dir = Files.createTempDirectory("ledger-paced");
        RouteDecision plan = new RouteDecision("ordered", null, null,
                List.of(new RouteDecision.Candidate("fast/bench-upstream", "fast", 1, null, null)), null, null);
        Target target = new Target(null, "bench-upstream", 1, null, null, null, null, null, null,
                "fast/bench-upstream");
        try (JournaledLedger ledger = JournaledLedger.open(new LedgerConfig(dir, batch, Duration.ofMillis(200)))) {
            long mover = moverId();
            for (int round = 0; round < rounds; round++) {
                UsageEvent[] events = new UsageEvent[total];
                for (int i = 0; i < total; i++) {
                    List<Attempt> attempts = List.of(new Attempt(target, null, 1 + (i & 3)));
                    events[i] = LedgerShareBench.event(round * total + i, plan.toJson("fast/bench-upstream", attempts));
                }
                ledger.flush();
                long tx0 = transactions(ledger);
                long lc0 = bean.getThreadCpuTime(mover);
                long lb0 = bean.getThreadAllocatedBytes(mover);
                long start = System.nanoTime();
                int next = 0;
                while (next < total) {
                    long due = Math.min(total, (System.nanoTime() - start) * rate / 1_000_000_000L);
                    while (next < due) {
                        ledger.record(events[next++]);
                    }
                    LockSupport.parkNanos(200_000);
                }
                while (ledger.pendingEvents() > 0) { // the last partial batch goes at the flush interval
                    Thread.sleep(5);
                }
                long lc1 = bean.getThreadCpuTime(mover);
                long lb1 = bean.getThreadAllocatedBytes(mover);
                long tx1 = transactions(ledger);
                System.out.printf("round %d: %d events at %d/s, batch %d: ledger thread %.2f µs %d B per event, "
                                + "%.2f transactions per 1,000 events%n", round, total, rate, batch,
                        (lc1 - lc0) / 1e3 / total, (lb1 - lb0) / total, (tx1 - tx0) * 1000.0 / total);
            }
        }
    }

    /** The ledger's insert transactions so far, where the build counts them (-1 otherwise: an older build's). */
    private static long transactions(JournaledLedger ledger) {
        try {
            var m = JournaledLedger.class.getDeclaredMethod("insertTransactions");
            return (long) m.invoke(ledger);
        } catch (ReflectiveOperationException e) {
            return -1;
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
}
