package dev.freeport.guardrails.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.guardrails.GuardrailPlan;
import dev.freeport.guardrails.TextScanner;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.Supplier;

/**
 * A cross-check of the JMH numbers that holds on a busy machine: the same operations timed in this thread's CPU
 * time (ThreadMXBean), which other processes competing for the cores do not inflate. Run by bench/guardrails.sh
 * after JMH.
 */
public final class CpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static Object sink;

    private CpuTime() {
    }

    public static void main(String[] args) {
        TextScanner scanner = TextScanner.all();
        GuardrailsBench.Request request = new GuardrailsBench.Request();
        request.setUp();
        ObjectNode body = request.body;
        GuardrailPlan all = request.all;
        System.out.println();
        System.out.println("| operation (thread CPU time) | per op | MB/s |");
        System.out.println("|---|---|---|");
        for (String input : new String[] {"prose", "code", "json"}) {
            String text = GuardrailsBench.corpus(input);
            double us = measure(() -> scanner.scan(text), 200);
            System.out.printf("| scan %s (64 KiB) | %.1f us | %.1f |%n", input, us, GuardrailsBench.SIZE / us);
        }
        double us = measure(() -> all.apply(body), 100);
        System.out.printf("| applyAllKinds (48 KiB body) | %.1f us | %.1f |%n", us, 3 * 16 * 1024 / us);
        double ns = measure(() -> GuardrailPlan.EMPTY.apply(body), 2_000_000) * 1000;
        System.out.printf("| applyEmptyPlan | %.1f ns | - |%n", ns);
    }

    /** Microseconds of CPU per call, after as many warm-up calls. */
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
            best = Math.min(best, (THREADS.getCurrentThreadCpuTime() - t) / 1e3 / n);
        }
        return best;
    }
}
