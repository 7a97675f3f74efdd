package dev.freeport.limits;

import dev.freeport.caller.Budget;

import java.time.Instant;

/**
 * What a budget had spent in its current period before this process started, for the in-process counters
 * (which otherwise restart from zero on every restart). Called once per budget period, the first time a request
 * touches it, on an event loop: it must answer from memory (e.g. a summary read from the ledger at start-up).
 * Redis counters survive Freeport restarts and do not use it.
 */
@FunctionalInterface
public interface SpendBaseline {
    SpendBaseline ZERO = (subject, period, periodStart) -> 0;

    long spentNanos(String subject, Budget.Period period, Instant periodStart);
}
