package dev.freeport.limits;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last use of each budget and rate limit as this replica's policies saw it (at admission and settlement), for
 * metrics: what a scrape reads never touches the counters' store (Redis), so it never waits on it. With several
 * replicas each reports the shared counters as of its own last request of that key or team. One holder per subject,
 * made the first time it is seen and updated in place after (no object and no map entry per request); a scrape
 * reads each figure as last written (figures of one holder may come from two requests that ended at once).
 */
public final class LimitUse {

    /** A budget's period as last seen: its limit, what was spent and reserved (nano-dollars). */
    public static final class Budget {
        private final String subject;
        private volatile String period;
        private volatile boolean hard;
        private volatile long limitNanos;
        private volatile long spentNanos;
        private volatile long reservedNanos;

        Budget(String subject, BudgetLine line) {
            this.subject = subject;
            this.period = Periods.name(line.budget().period());
        }

        public String subject() {
            return subject;
        }

        public String period() {
            return period;
        }

        public boolean hard() {
            return hard;
        }

        public long limitNanos() {
            return limitNanos;
        }

        public long spentNanos() {
            return spentNanos;
        }

        public long reservedNanos() {
            return reservedNanos;
        }

        private void set(BudgetLine line, long spent, long reserved) {
            dev.freeport.caller.Budget b = line.budget();
            period = Periods.name(b.period());
            hard = b.hard();
            limitNanos = b.limitNanos();
            spentNanos = spent;
            reservedNanos = reserved;
        }
    }

    /** A rate limit's rolling minute as last seen; a limit of -1 is none. */
    public static final class Rate {
        private final String subject;
        private volatile long rpm;
        private volatile long requestsUsed;
        private volatile long tpm;
        private volatile long tokensUsed;

        Rate(String subject) {
            this.subject = subject;
        }

        public String subject() {
            return subject;
        }

        public long rpm() {
            return rpm;
        }

        public long requestsUsed() {
            return requestsUsed;
        }

        public long tpm() {
            return tpm;
        }

        public long tokensUsed() {
            return tokensUsed;
        }
    }

    private final Map<String, Budget> budgets = new ConcurrentHashMap<>();
    private final Map<String, Rate> rates = new ConcurrentHashMap<>();

    void budget(BudgetLine line, Counters.BudgetState s) {
        budget(line, s.spentNanos(), s.reservedNanos());
    }

    void budget(BudgetLine line, long spentNanos, long reservedNanos) {
        Budget b = budgets.get(line.subject());
        if (b == null) {
            b = budgets.computeIfAbsent(line.subject(), s -> new Budget(s, line));
        }
        b.set(line, spentNanos, reservedNanos);
    }

    void rate(RateLine line, Counters.RateState s) {
        Rate r = rates.get(line.subject());
        if (r == null) {
            r = rates.computeIfAbsent(line.subject(), Rate::new);
        }
        r.rpm = line.rpm();
        r.requestsUsed = s.requestsUsed();
        r.tpm = line.tpm();
        r.tokensUsed = s.tokensUsed();
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
