package dev.freeport.limits;

import dev.freeport.caller.Budget;

import java.time.Instant;

/**
 * One budget a request must fit, in the period it was admitted in: whose it is ({@code subject}, e.g.
 * "key:k_123" or "team:search"), how messages name it ({@code display}, e.g. "key fp-3k9x"), the budget, and the
 * period's bounds (end null for TOTAL). A request is charged to the period it was admitted in, also when it ends
 * after the period rolled over. {@code counterKey} is the counter's name: subject, period and the period's start,
 * so each period has its own counter (made once with the line: counters look it up on every request).
 */
public record BudgetLine(String subject, String display, Budget budget, Instant periodStart, Instant periodEnd,
                         String counterKey) {

    public BudgetLine(String subject, String display, Budget budget, Instant periodStart, Instant periodEnd) {
        this(subject, display, budget, periodStart, periodEnd, "budget:" + subject + ":"
                + Periods.name(budget.period()) + ":" + periodStart.getEpochSecond());
    }

    public static BudgetLine of(String subject, String display, Budget budget, Instant now) {
        return new BudgetLine(subject, display, budget, Periods.start(budget.period(), now),
                Periods.end(budget.period(), now));
    }

    /** When the counter may be dropped: a week past the period's end (late settlements still land); 0 = never. */
    public long expireAtEpochSecond() {
        return periodEnd == null ? 0 : periodEnd.getEpochSecond() + 7 * 86_400;
    }
}
