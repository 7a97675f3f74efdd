package dev.freeport.limits;

import dev.freeport.caller.Budget;
import dev.freeport.caller.Limits;
import dev.freeport.caller.Principal;
import dev.freeport.catalog.ModelPrice;
import dev.freeport.config.AlertsConfig;
import dev.freeport.policy.Admission;
import dev.freeport.policy.Outcome;
import dev.freeport.policy.Policy;
import dev.freeport.policy.PromptTokens;
import dev.freeport.route.Target;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one keyed request's admission costs the event loop: the rate-limit and budget policies over the in-process
 * counters (with a ledger baseline, as the gateway runs them), admit, the x-ratelimit-* headers, settle; a key with a
 * budget and a rate limit (RPM, TPM, max parallel), as bench/profile.sh's key. Bytes and CPU per request measured on
 * one thread with ThreadMXBean; the request's own objects (its id, admission, outcome, header map) are made before.
 */
class AdmissionCostTest {
    static final int WARM = 150_000;
    static final int MEASURED = 100_000;

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        LimitsHarness.await(vertx.close());
    }

    @Test
    void aKeyedAdmissionAndItsReleaseAllocateNoObjectPerRequestInTheCountersOrTheMetricsView() {
        MemoryCounters counters = new MemoryCounters((subject, period, start) ->
                io.vertx.core.Future.succeededFuture(0L)); // not ZERO: every line is checked for its baseline
        Clock clock = Clock.systemUTC();
        LimitUse use = new LimitUse();
        RateLimitPolicy rates = new RateLimitPolicy(vertx, counters, clock, use, OnCaller.DEADLINE_MS);
        BudgetPolicy budgets = new BudgetPolicy(vertx, counters, clock,
                new Alerts(vertx, AlertsConfig.NONE, counters), use, OnCaller.DEADLINE_MS);
        Principal key = new Principal("k1", "fp-k1", "team1", List.of(), Set.of(),
                new Limits(100_000_000, 100_000_000_000L, 1000),
                new Budget(1_000_000_000_000_000L, Budget.Period.MONTH, true, List.of()),
                new Limits(100_000_000, null, null),
                new Budget(1_000_000_000_000_000L, Budget.Period.MONTH, true, List.of()));
        ModelPrice price = new ModelPrice("fast", "up", new BigDecimal("0.50"), new BigDecimal("1.50"),
                null, null, null, null, null);
        List<Target> reachable = List.of(new Target(null, "up", 1, price, null, null, null, null));
        Admission a = new Admission("req_1", key, "bench", null, reachable, PromptTokens.exactly(40), 256, false);
        Outcome outcome = new Outcome(12_345, 40, 20, true);
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        admitAndSettle(rates, budgets, a, outcome, headers); // the budget's counter loads its baseline once

        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < WARM; i++) {
            admitAndSettle(rates, budgets, a, outcome, headers);
        }
        long bytes = threads.getCurrentThreadAllocatedBytes();
        long cpu = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < MEASURED; i++) {
            admitAndSettle(rates, budgets, a, outcome, headers);
        }
        long perRequest = (threads.getCurrentThreadAllocatedBytes() - bytes) / MEASURED;
        long nanos = (threads.getCurrentThreadCpuTime() - cpu) / MEASURED;
        System.out.println("admission + release, key and team with budget and rate limits: " + perRequest
                + " B and " + nanos + " ns CPU per request");
        assertThat(headers.get("x-ratelimit-limit-requests")).isEqualTo("100000000");
        assertThat(use.budget("key:k1").reservedNanos()).isZero();
        assertThat(use.rate("key:k1").requestsUsed()).isPositive();
        // what remains (972 B): the six headers' entries and two numbers' texts (~380 B), the counters' replies with
        // their states and futures (~350 B), the two tickets and the headers' figures; a record per budget and rate
        // line for the metrics, a map entry per request for its tokens and its parallel slot, the policies' lambdas
        // and the array of states made 1,544 B
        assertThat(perRequest).as("bytes allocated per admission and release").isLessThan(1_100);
    }

    private static void admitAndSettle(RateLimitPolicy rates, BudgetPolicy budgets, Admission a, Outcome outcome,
                                       MultiMap headers) {
        Policy.Ticket rate = rates.before(a).result();
        Policy.Ticket budget = budgets.before(a).result();
        rate.writeHeaders(headers);
        budget.after(outcome);
        rate.after(outcome);
    }
}
