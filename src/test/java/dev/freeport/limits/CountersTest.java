package dev.freeport.limits;

import dev.freeport.caller.Budget;
import dev.freeport.caller.Limits;
import dev.freeport.config.LimitsConfig;
import dev.freeport.testing.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The two counter backends, directly: atomicity, all-or-nothing, slot expiry. */
class CountersTest {
    /**
     * Noon (UTC) of the real day: Redis expires a budget counter a week after its period ends (EXPIREAT), so a
     * fixed date in the past would have its counters dropped at once.
     */
    private static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS)
            .plus(java.time.Duration.ofHours(12));
    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<Vertx> vertxes = new ArrayList<>();
    private RedisServer redis;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        vertxes.forEach(v -> LimitsHarness.await(v.close()));
        if (redis != null) {
            redis.close();
        }
    }

    private Counters counters(LimitsConfig.Backend b, long slotTtlMillis) {
        Counters c;
        if (b == LimitsConfig.Backend.MEMORY) {
            c = new MemoryCounters(SpendBaseline.ZERO);
        } else {
            if (redis == null) {
                redis = RedisServer.start();
            }
            Vertx v = Vertx.vertx();
            vertxes.add(v);
            c = new RedisCounters(v, redis.url(), slotTtlMillis);
        }
        open.add(c);
        return c;
    }

    private static BudgetLine line(String subject, long limit) {
        return BudgetLine.of(subject, subject, new Budget(limit, Budget.Period.DAY, true, List.of()), NOW);
    }

    @ParameterizedTest
    @EnumSource(LimitsConfig.Backend.class)
    void admitsExactlyTheLimitUnder2000ConcurrentReservations(LimitsConfig.Backend b) {
        Counters c = counters(b, 60_000);
        BudgetLine l = line("key:a", 500);
        List<Future<Counters.BudgetReply>> replies = LimitsHarness.concurrently(
                java.util.stream.IntStream.range(0, 2000).<java.util.concurrent.Callable<Future<Counters.BudgetReply>>>
                        mapToObj(i -> () -> c.reserveBudget(List.of(l), 1)).toList());
        long admitted = replies.stream().map(LimitsHarness::await).filter(Counters.BudgetReply::admitted).count();
        assertThat(admitted).isEqualTo(500);
        assertThat(LimitsHarness.await(c.budgetState(l))).isEqualTo(new Counters.BudgetState(0, 500));
    }

    @ParameterizedTest
    @EnumSource(LimitsConfig.Backend.class)
    void aTeamThatCannotFitTakesNothingFromTheKey(LimitsConfig.Backend b) {
        Counters c = counters(b, 60_000);
        BudgetLine key = line("key:a", 1000);
        BudgetLine team = line("team:t", 10);
        Counters.BudgetReply r = LimitsHarness.await(c.reserveBudget(List.of(key, team), 11));
        assertThat(r.rejected()).isEqualTo(1);
        assertThat(LimitsHarness.await(c.budgetState(key))).isEqualTo(new Counters.BudgetState(0, 0));
    }

    @ParameterizedTest
    @EnumSource(LimitsConfig.Backend.class)
    void settlingReplacesTheReservationWithTheRealCost(LimitsConfig.Backend b) {
        Counters c = counters(b, 60_000);
        BudgetLine l = line("key:a", 1000);
        LimitsHarness.await(c.reserveBudget(List.of(l), 300));
        assertThat(LimitsHarness.await(c.settleBudget(List.of(l), 300, 120)))
                .containsExactly(new Counters.BudgetState(120, 0));
    }

    @Test
    void aSettlementThroughACellWhosePeriodWasLetGoLandsOnTheCounterMadeAgain() {
        MemoryCounters c = new MemoryCounters(SpendBaseline.ZERO);
        BudgetLine monthAgo = BudgetLine.of("key:a", "key:a", new Budget(1000, Budget.Period.DAY, true, List.of()),
                NOW.minus(java.time.Duration.ofDays(30)));
        Counters.Cells cells = new Counters.Cells(1);
        LimitsHarness.await(c.tryReserveBudget(List.of(monthAgo), cells, 300));
        LimitsHarness.await(c.reserveBudget(List.of(line("key:b", 1000)), 1)); // a new counter lets the old one go
        LimitsHarness.await(c.settleBudget(List.of(monthAgo), cells, 300, 120));
        assertThat(LimitsHarness.await(c.budgetState(monthAgo))).isEqualTo(new Counters.BudgetState(120, -300));
    }

    @Test
    void aSlotHeldByADeadReplicaFreesItselfAfterItsTtl() throws Exception {
        RateLine line = new RateLine("key:p", "key p", new Limits(null, null, 1));
        Counters dying = counters(LimitsConfig.Backend.REDIS, 300);
        Counters alive = counters(LimitsConfig.Backend.REDIS, 300);
        long t0 = System.currentTimeMillis();
        assertThat(LimitsHarness.await(dying.acquireRate("r1", List.of(line), 0, t0)).admitted()).isTrue();
        dying.close(); // never releases r1
        assertThat(LimitsHarness.await(alive.acquireRate("r2", List.of(line), 0, t0 + 100)).admitted()).isFalse();
        assertThat(LimitsHarness.await(alive.acquireRate("r3", List.of(line), 0, t0 + 301)).admitted()).isTrue();
    }

    @Test
    void inProcessCountersStartFromTheBaseline() {
        Counters c = new MemoryCounters((subject, period, start) -> io.vertx.core.Future.succeededFuture(
                subject.equals("key:a") ? 900L : 0L));
        open.add(c);
        BudgetLine l = line("key:a", 1000);
        assertThat(LimitsHarness.await(c.reserveBudget(List.of(l), 101)).admitted()).isFalse();
        assertThat(LimitsHarness.await(c.reserveBudget(List.of(l), 100)).admitted()).isTrue();
    }

    @Test
    void redisSeedsACounterItDoesNotHoldFromTheBaselineOnce() {
        redis = RedisServer.start();
        Vertx v = Vertx.vertx();
        vertxes.add(v);
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        Counters c = new RedisCounters(v, redis.url(), 60_000, (subject, period, start) -> {
            asked.incrementAndGet();
            return Future.succeededFuture(subject.equals("key:a") ? 900L : 0L);
        });
        open.add(c);
        BudgetLine l = line("key:a", 1000);
        assertThat(LimitsHarness.await(c.reserveBudget(List.of(l), 101)).admitted()).isFalse();
        assertThat(LimitsHarness.await(c.reserveBudget(List.of(l), 100)).admitted()).isTrue();
        assertThat(LimitsHarness.await(c.budgetState(l))).isEqualTo(new Counters.BudgetState(900, 100));
        assertThat(asked).hasValue(1); // Redis holds the counter from then on
    }
}
