package dev.freeport.limits;

import dev.freeport.caller.Principal;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rate and budget lines of each principal, made once per key (and again when its budget period rolls over or
 * the key's settings change), not once per request: a line's subject, display name and counter key are strings a
 * request would otherwise build, and a budget period's bounds are calendar arithmetic. Keyed by key id; an entry
 * is used only for the very principal it was made from (a key snapshot makes a new principal when the key or its
 * team changes), so a changed limit or budget applies from the next request. Each entry keeps its lines' counters as
 * the in-process store found them ({@link Counters.Cells}), so that a request reaches them without a look-up.
 * Thread-safe; the entries are immutable but for their cells (which only the counters touch, under their lock).
 */
final class PrincipalLines {
    /** more keys than this at once: start over (a gateway's keys number in the thousands) */
    static final int MAX_KEYS = 100_000;

    /** A principal's rate lines, with their counters' cells. */
    record Rates(Principal principal, List<RateLine> lines, Counters.Cells cells) {
        Rates(Principal principal, List<RateLine> lines) {
            this(principal, lines, new Counters.Cells(lines.size()));
        }
    }

    /**
     * A principal's budget lines in the periods that contain [from, until), with their counters' cells.
     * {@code until}: the first millisecond at which a line's period is over (Long.MAX_VALUE: total budgets).
     */
    record Budgets(Principal principal, List<BudgetLine> lines, Counters.Cells cells, long from, long until) {
        Budgets(Principal principal, List<BudgetLine> lines, long from, long until) {
            this(principal, lines, new Counters.Cells(lines.size()), from, until);
        }

        boolean holds(Principal p, long nowMillis) {
            return principal == p && nowMillis >= from && nowMillis < until;
        }
    }

    private final ConcurrentHashMap<String, Rates> rates = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Budgets> budgets = new ConcurrentHashMap<>();

    /** The principal's rate lines (key, then team), made the first time this principal is seen. */
    List<RateLine> rates(Principal p) {
        return ratesOf(p).lines();
    }

    /** As {@link #rates}, with their cells. */
    Rates ratesOf(Principal p) {
        Rates r = rates.get(p.keyId());
        if (r == null || r.principal != p) {
            r = new Rates(p, List.copyOf(Subjects.rates(p)));
            put(rates, p.keyId(), r);
        }
        return r;
    }

    /** The principal's budget lines in the periods that contain {@code nowMillis}. */
    List<BudgetLine> budgets(Principal p, long nowMillis) {
        return budgetsOf(p, nowMillis).lines();
    }

    /** As {@link #budgets}, with their cells. */
    Budgets budgetsOf(Principal p, long nowMillis) {
        Budgets b = budgets.get(p.keyId());
        if (b == null || !b.holds(p, nowMillis)) {
            List<BudgetLine> lines = List.copyOf(Subjects.budgets(p, Instant.ofEpochMilli(nowMillis)));
            long from = Long.MIN_VALUE;
            long until = Long.MAX_VALUE;
            for (BudgetLine l : lines) {
                from = Math.max(from, l.periodStart().toEpochMilli());
                until = l.periodEnd() == null ? until : Math.min(until, l.periodEnd().toEpochMilli());
            }
            b = new Budgets(p, lines, from, until);
            put(budgets, p.keyId(), b);
        }
        return b;
    }

    private static <T> void put(ConcurrentHashMap<String, T> map, String key, T value) {
        if (map.size() >= MAX_KEYS) {
            map.clear();
        }
        map.put(key, value);
    }
}
