package dev.freeport.catalog;

import dev.freeport.api.Usage;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What pricing one answer costs the request's thread: the ledger's cost is integer arithmetic, no BigDecimal. */
class CostAllocationTest {
    private static final int N = 200_000;

    private static final PriceSheet SHEET = PriceSheet.of(new ModelPrice("p", "m", new BigDecimal("0.50"),
            new BigDecimal("1.50"), new BigDecimal("0.05"), new BigDecimal("0.625"), null, "config", null));

    /** A typical answer: a prompt partly read from the cache, some output, as the flow prices it. */
    private static long price(long i) {
        Usage u = new Usage(1200 + (i & 63), 300 + (i & 31), 1024, 0, 0, false);
        BillingFacts facts = new BillingFacts(Instant.EPOCH, null, false, false, Map.of(), Map.of(), 40);
        return PricingEngine.cost(SHEET, u, facts, FxRates.NONE, false).usdNanos();
    }

    @Test
    void pricingAnAnswerAllocatesOnlyItsResult() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < N; i++) {
            sink += price(i); // warm up: let the JIT settle
        }
        long bytes = threads.getCurrentThreadAllocatedBytes();
        long cpu = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < N; i++) {
            sink += price(i);
        }
        long perCall = (threads.getCurrentThreadAllocatedBytes() - bytes) / N;
        long cpuNanos = (threads.getCurrentThreadCpuTime() - cpu) / N;
        System.out.printf("PricingEngine.cost: %d B and %d ns CPU per answer (sink %d)%n", perCall, cpuNanos, sink);
        // the usage, the facts and the CostResult (about 130 B); BigDecimal arithmetic and its notes took 1,000+
        assertThat(perCall).as("bytes allocated per priced answer").isLessThan(200);
    }
}
