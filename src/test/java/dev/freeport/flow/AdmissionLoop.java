package dev.freeport.flow;

import dev.freeport.caller.Budget;
import dev.freeport.caller.Limits;
import dev.freeport.caller.Principal;
import dev.freeport.catalog.ModelPrice;
import dev.freeport.config.AlertsConfig;
import dev.freeport.limits.Alerts;
import dev.freeport.limits.BudgetPolicy;
import dev.freeport.limits.MemoryCounters;
import dev.freeport.limits.RateLimitPolicy;
import dev.freeport.limits.SpendBaseline;
import dev.freeport.policy.Admission;
import dev.freeport.policy.Outcome;
import dev.freeport.policy.Policy;
import dev.freeport.policy.PromptTokens;
import dev.freeport.route.Target;
import io.vertx.core.Vertx;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The admission path as the gateway runs it under load, alone in a JVM (started by {@link AdmissionCompileTest}):
 * a key with a hard budget and rate limits through the budget and rate-limit policies over the in-process counters
 * (which answer synchronously), each request admitted and settled, until C2 has compiled the chain; prints the bytes
 * allocated per request over the second half (the loop's own request id and lists included). Usage:
 * {@code AdmissionLoop <requests>}.
 */
public final class AdmissionLoop {
    private AdmissionLoop() {
    }

    public static void main(String[] args) {
        int requests = Integer.parseInt(args[0]);
        Vertx vertx = Vertx.vertx();
        MemoryCounters counters = new MemoryCounters(SpendBaseline.ZERO);
        Clock clock = Clock.systemUTC();
        PolicyChain chain = new PolicyChain(List.of(
                new BudgetPolicy(vertx, counters, clock, new Alerts(vertx, AlertsConfig.NONE, counters)),
                new RateLimitPolicy(vertx, counters, clock)));
        Principal key = new Principal("k1", "fp-k1", null, List.of(), Set.of(),
                new Limits(100_000_000, 100_000_000_000L, 1000), new Budget(1_000_000_000_000_000L,
                Budget.Period.MONTH, true, List.of()), null, null);
        ModelPrice price = new ModelPrice("fast", "bench-upstream", new BigDecimal("0.50"), new BigDecimal("1.50"),
                null, null, null, null, null);
        List<Target> reachable = List.of(new Target(null, "bench-upstream", 1, price, null, null, null, null));
        long admitted = 0;
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long allocatedAtHalf = 0;
        for (int i = 0; i < requests; i++) {
            if (i == requests / 2) {
                allocatedAtHalf = threads.getCurrentThreadAllocatedBytes();
            }
            List<Policy.Ticket> held = new ArrayList<>(2);
            Admission a = new Admission("req_" + i, key, "bench", null, reachable,
                    new PromptTokens(40 + (i & 63), () -> 40), 256, false);
            if (chain.admit(a, held).succeeded()) {
                admitted++;
            }
            PolicyChain.settle(held, new Outcome(12_345, 40, 20, true));
        }
        long perRequest = (threads.getCurrentThreadAllocatedBytes() - allocatedAtHalf) / (requests - requests / 2);
        System.out.println("admitted " + admitted + "; bytes allocated per request (second half) " + perRequest);
        vertx.close();
    }
}
