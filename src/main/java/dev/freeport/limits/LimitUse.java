package dev.freeport.limits;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last use of each budget and rate limit as this replica's policies saw it (at admission and settlement), for
 * metrics: what a scrape reads never touches the counters' store (Redis), so it never waits on it. With several
 * replicas each reports the shared counters as of its own last request of that key or team.
 */
public final class LimitUse {

    /** A budget's period as last seen: its limit, what was spent and reserved (nano-dollars). */
    public record Budget(String subject, String period, boolean hard, long limitNanos, long spentNanos,
                         long reservedNanos) {
    }

    /** A rate limit's rolling minute as last seen; a limit of -1 is none. */
    public record Rate(String subject, long rpm, long requestsUsed, long tpm, long tokensUsed) {
    }

    private final Map<String, Budget> budgets = new ConcurrentHashMap<>();
    private final Map<String, Rate> rates = new ConcurrentHashMap<>();

    void budget(BudgetLine line, Counters.BudgetState s) {
        budgets.put(line.subject(), new Budget(line.subject(), Periods.name(line.budget().period()),
                line.budget().hard(), line.budget().limitNanos(), s.spentNanos(), s.reservedNanos()));
    }

    void rate(RateLine line, Counters.RateState s) {
        rates.put(line.subject(), new Rate(line.subject(), line.rpm(), s.requestsUsed(), line.tpm(), s.tokensUsed()));
    }

    /** The budget of {@code subject} as last seen, or null. */
    public Budget budget(String subject) {
        return budgets.get(subject);
    }

    /** The rate limit of {@code subject} as last seen, or null. */
    public Rate rate(String subject) {
        return rates.get(subject);
    }

    /** Every budget seen so far ("key:ID" or "team:NAME" subjects). */
    public Collection<Budget> budgets() {
        return budgets.values();
    }

    /** Every rate limit seen so far. */
    public Collection<Rate> rates() {
        return rates.values();
    }
}
