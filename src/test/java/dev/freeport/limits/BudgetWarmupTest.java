package dev.freeport.limits;

import dev.freeport.caller.Budget;
import dev.freeport.caller.Limits;
import dev.freeport.caller.Principal;
import dev.freeport.testing.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Every budget's starting spend loaded at start: once per counter, and not again for a counter Redis holds. */
class BudgetWarmupTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(java.time.Duration.ofHours(12));
    private static final Budget DAY = new Budget(5_000_000_000L, Budget.Period.DAY, true, List.of());

    private final Vertx vertx = Vertx.vertx();
    private final Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();
    /** the ledger as the baseline reads it: $1 spent by every subject today, each read counted */
    private final SpendBaseline ledger = (subject, period, start) -> {
        asked.computeIfAbsent(subject, s -> new AtomicInteger()).incrementAndGet();
        return Future.succeededFuture(1_000_000_000L);
    };
    private RedisServer redis;

    @AfterEach
    void close() {
        LimitsHarness.await(vertx.close());
        if (redis != null) {
            redis.close();
        }
    }

    private static Principal key(String id, String team) {
        return LimitsHarness.principal(id, team, Limits.NONE, DAY, Limits.NONE, DAY);
    }

    @Test
    void aTeamsBudgetSharedByItsKeysIsReadOnceAndEveryBudgetIsShownToTheMetrics() {
        MemoryCounters counters = new MemoryCounters(ledger);
        LimitUse use = new LimitUse();
        LimitsHarness.await(new BudgetWarmup(counters, use).load(List.of(key("a", "search"), key("b", "search")),
                NOW));
        assertThat(asked).containsOnlyKeys("key:a", "key:b", "team:search");
        assertThat(asked.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        assertThat(use.budget("team:search").spentNanos()).isEqualTo(1_000_000_000L);
        assertThat(LimitsHarness.await(counters.budgetState(BudgetLine.of("key:a", "key a", DAY, NOW))))
                .isEqualTo(new Counters.BudgetState(1_000_000_000L, 0));
        assertThat(asked.get("key:a").get()).as("loaded: the first request reads no ledger").isEqualTo(1);
    }

    @Test
    void aCounterRedisStillHoldsIsNotReadFromTheLedgerAgain() {
        redis = RedisServer.start();
        RedisCounters counters = new RedisCounters(vertx, redis.url(), 60_000, ledger);
        BudgetLine held = BudgetLine.of("key:a", "key a", DAY, NOW);
        LimitsHarness.await(counters.loadBaselines(List.of(held))); // an earlier run of Freeport made it
        LimitsHarness.await(counters.settleBudget(List.of(held), 0, 250_000_000L));
        asked.clear();

        LimitUse use = new LimitUse();
        Principal a = LimitsHarness.principal("a", null, Limits.NONE, DAY, Limits.NONE, null);
        Principal b = LimitsHarness.principal("b", null, Limits.NONE, DAY, Limits.NONE, null);
        LimitsHarness.await(new BudgetWarmup(counters, use).load(List.of(a, b), NOW));
        assertThat(asked).containsOnlyKeys("key:b");
        assertThat(use.budget("key:a").spentNanos()).isEqualTo(1_250_000_000L);
        assertThat(use.budget("key:b").spentNanos()).isEqualTo(1_000_000_000L);
        counters.close();
    }
}
