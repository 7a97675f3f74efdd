package dev.freeport.limits;

import dev.freeport.caller.Budget;
import io.vertx.core.Future;

import java.time.Instant;

/**
 * What a budget had spent in its current period before its counter existed: the in-process counters start each
 * budget period from it (otherwise a restart would forget this period's spend), and the Redis counters seed a
 * counter Redis does not hold from it (a flushed Redis, or one restarted without persistence). Asked once per budget
 * period, the first time a request touches it; the request waits for the answer (which must not block the event
 * loop: {@link LedgerBaseline} reads the ledger on a worker), outside the counters' deadline
 * ({@link Counters#loadBaselines}). A failed answer fails that request closed and is asked
 * again by the next.
 */
@FunctionalInterface
public interface SpendBaseline {
    SpendBaseline ZERO = (subject, period, periodStart) -> Future.succeededFuture(0L);

    Future<Long> spentNanos(String subject, Budget.Period period, Instant periodStart);

    /** Whether every answer is 0 (the counters then need not ask). */
    default boolean zero() {
        return this == ZERO;
    }
}
