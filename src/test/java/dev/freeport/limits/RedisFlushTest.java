package dev.freeport.limits;

import dev.freeport.caller.Budget;
import dev.freeport.testing.RedisServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Redis flushed ({@code FLUSHALL}) between a request's reservation and its settlement: the settlement must
 * not leave a negative {@code reserved} (which would let later requests past a spent budget), nor a counter that
 * hides the period's earlier spend from the ledger's seed.
 */
class RedisFlushTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(12));
    private final RedisServer redis = RedisServer.start();
    private final Vertx vertx = Vertx.vertx();
    private Counters counters;

    @AfterEach
    void close() {
        if (counters != null) {
            counters.close();
        }
        LimitsHarness.await(vertx.close());
        redis.close();
    }

    private static BudgetLine line(long limit) {
        return BudgetLine.of("key:a", "key a", new Budget(limit, Budget.Period.DAY, true, List.of()), NOW);
    }

    private void flushAll() {
        Redis client = Redis.createClient(vertx, redis.url());
        try {
            LimitsHarness.await(client.send(Request.cmd(Command.FLUSHALL)));
        } finally {
            client.close();
        }
    }

    @Test
    void aSettlementAfterAFlushLeavesNoNegativeReservation() {
        counters = new RedisCounters(vertx, redis.url(), 60_000);
        BudgetLine l = line(1000);
        assertThat(LimitsHarness.await(counters.reserveBudget(List.of(l), 300)).admitted()).isTrue();
        flushAll();
        assertThat(LimitsHarness.await(counters.settleBudget(List.of(l), 300, 120)))
                .containsExactly(new Counters.BudgetState(120, 0));
        assertThat(LimitsHarness.await(counters.reserveBudget(List.of(l), 881)).admitted()).isFalse();
    }

    @Test
    void aSettlementAfterAFlushLeavesTheCounterToBeSeededFromTheLedger() {
        AtomicLong ledger = new AtomicLong(900); // what the ledger holds for the key this period
        counters = new RedisCounters(vertx, redis.url(), 60_000,
                (subject, period, start) -> Future.succeededFuture(ledger.get()));
        BudgetLine l = line(1000);
        assertThat(LimitsHarness.await(counters.reserveBudget(List.of(l), 50)).admitted()).isTrue();
        flushAll();
        LimitsHarness.await(counters.settleBudget(List.of(l), 50, 40));
        ledger.set(940); // the request's event reached the ledger
        assertThat(LimitsHarness.await(counters.reserveBudget(List.of(l), 61)).admitted()).isFalse();
        assertThat(LimitsHarness.await(counters.reserveBudget(List.of(l), 60)).admitted()).isTrue();
        assertThat(LimitsHarness.await(counters.budgetState(l))).isEqualTo(new Counters.BudgetState(940, 60));
    }
}
