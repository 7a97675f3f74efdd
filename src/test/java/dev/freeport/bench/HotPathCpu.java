package dev.freeport.bench;

import java.lang.management.ManagementFactory;
import java.util.function.Supplier;

/**
 * The {@link HotPathBench} operations timed in this thread's CPU time (ThreadMXBean), which other processes
 * competing for the two cores do not inflate: the figure to compare across changes on a busy machine. Run by
 * bench/hotpath.sh after JMH (or alone: {@code bench/hotpath.sh --cpu-only}).
 */
public final class HotPathCpu {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static Object sink;

    private HotPathCpu() {
    }

    public static void main(String[] args) throws Exception {
        HotPathBench bench = new HotPathBench();
        HotPathBench.Wires w = new HotPathBench.Wires();
        w.setUp();
        HotPathBench.Journal j = new HotPathBench.Journal();
        j.open();
        try {
            System.out.println();
            System.out.println("| piece (thread CPU time, best of 5 rounds) | ns per op | bytes allocated per op |");
            System.out.println("|---|---|---|");
            row("decodeRequest", () -> bench.decodeRequest(w), 200_000);
            row("encodeUpstream", () -> bench.encodeUpstream(w), 200_000);
            row("scanAnswer", () -> bench.scanAnswer(w), 200_000);
            row("encodeAnswer", () -> bench.encodeAnswer(w), 200_000);
            row("relayStream (9 chunks + usage)", () -> bench.relayStream(w), 50_000);
            row("journalAppend", () -> {
                bench.journalAppend(j);
                return null;
            }, 100_000);
        } finally {
            j.close();
        }
    }

    private static void row(String name, Supplier<Object> op, int n) {
        double ns = measure(op, n);
        long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < n; i++) {
            sink = op.get();
        }
        System.out.printf("| %s | %.0f | %d |%n", name, ns, (THREADS.getCurrentThreadAllocatedBytes() - before) / n);
    }

    /** Nanoseconds of CPU per call, after as many warm-up calls. */
    private static double measure(Supplier<Object> op, int n) {
        for (int i = 0; i < n; i++) {
            sink = op.get();
        }
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long t = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                sink = op.get();
            }
            best = Math.min(best, (double) (THREADS.getCurrentThreadCpuTime() - t) / n);
        }
        return best;
    }
}
