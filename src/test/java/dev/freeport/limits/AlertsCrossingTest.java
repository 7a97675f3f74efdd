package dev.freeport.limits;

import dev.freeport.caller.Budget;
import dev.freeport.config.AlertsConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Budget alerts ask the counters (one Redis SET NX each) only when a settlement crosses a threshold. */
class AlertsCrossingTest {
    /** The counters' answers, with the alert keys asked about. */
    private static final class Asked implements Counters {
        final MemoryCounters inner = new MemoryCounters(SpendBaseline.ZERO);
        final List<String> keys = new ArrayList<>();

        @Override
        public Future<Boolean> firstTime(String alertKey, Instant forgetAt) {
            keys.add(alertKey);
            return inner.firstTime(alertKey, forgetAt);
        }

        @Override
        public Future<BudgetReply> reserveBudget(List<BudgetLine> lines, long amountNanos) {
            return inner.reserveBudget(lines, amountNanos);
        }

        @Override
        public Future<List<BudgetState>> settleBudget(List<BudgetLine> lines, long reserved, long actual) {
            return inner.settleBudget(lines, reserved, actual);
        }

        @Override
        public Future<BudgetState> budgetState(BudgetLine line) {
            return inner.budgetState(line);
        }

        @Override
        public Future<RateReply> acquireRate(String id, List<RateLine> lines, long tokens, long now) {
            return inner.acquireRate(id, lines, tokens, now);
        }

        @Override
        public Future<Void> releaseRate(String id, List<RateLine> lines, long reserved, long admitted, long actual,
                                        long now) {
            return inner.releaseRate(id, lines, reserved, admitted, actual, now);
        }

        @Override
        public Future<Long> inFlight(RateLine line, long now) {
            return inner.inFlight(line, now);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void onlyTheSettlementsThatCrossAThresholdAskTheCounters() {
        Vertx vertx = Vertx.vertx();
        Asked counters = new Asked();
        try (Alerts alerts = new Alerts(vertx, new AlertsConfig("http://127.0.0.1:1/hook", List.of(50, 100)),
                counters)) {
            BudgetLine line = BudgetLine.of("key:k", "k", new Budget(1_000, Budget.Period.DAY, false, List.of()),
                    Instant.now());
            for (long spent = 100; spent <= 2_000; spent += 100) { // 20 settlements of 100, 11 of them past 50 %
                alerts.check(line, new Counters.BudgetState(spent, 0), 100);
            }
            assertThat(counters.keys).containsExactly("alert:" + line.counterKey() + ":50",
                    "alert:" + line.counterKey() + ":100");
        } finally {
            vertx.close();
        }
    }

    @Test
    void thresholdsCompareExactlyWithoutOverflow() {
        assertThat(Alerts.reached(500, 1_000, 50)).isTrue();
        assertThat(Alerts.reached(499, 1_000, 50)).isFalse();
        assertThat(Alerts.reached(Long.MAX_VALUE / 2, Long.MAX_VALUE, 50)).isFalse(); // MAX is odd: just under
        assertThat(Alerts.reached(Long.MAX_VALUE / 2 + 1, Long.MAX_VALUE, 50)).isTrue();
        assertThat(Alerts.reached(Long.MAX_VALUE, Long.MAX_VALUE, 101)).isFalse();
        assertThat(Alerts.reached(0, 1_000, 0)).isTrue();
    }
}
