package dev.freeport.limits;

import dev.freeport.limits.Counters.BudgetReply;
import dev.freeport.limits.Counters.BudgetState;
import dev.freeport.limits.Counters.Cells;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link MemoryCounters}' budget counters: one per budget line's period (nano-dollars spent and reserved), under the
 * lock {@link MemoryCounters} shares with its rate windows, so that a check-and-reserve over a key and its team is
 * atomic. A period's counter starts from the {@link SpendBaseline}, asked before the first reservation that needs it
 * (requests that need the same counter at once wait for the same read); counters of periods that ended long ago are
 * dropped as new ones are made, and a request's {@link Counters.Cells} keep the counters it found so that its
 * release and settlement need no look-up.
 */
final class MemoryBudgets {
    private final ReentrantLock lock;
    private final SpendBaseline baseline;
    private final Map<String, Period> budgets = new HashMap<>(); // counterKey -> its period's counter
    /** counterKey -> the baseline read in flight that makes its counter (one per counter, whoever waits) */
    private final SingleFlight loading = new SingleFlight();

    MemoryBudgets(ReentrantLock lock, SpendBaseline baseline) {
        this.lock = lock;
        this.baseline = baseline;
    }

    /** A budget period's counter (nano-dollars); {@code dropped} once its period ended long ago and it was let go. */
    private static final class Period {
        long spent;
        long reserved;
        final long expireAt;
        boolean dropped;

        Period(long spent, long expireAt) {
            this.spent = spent;
            this.expireAt = expireAt;
        }
    }

    /** The line's counter; one that does not exist yet starts from {@code spent}. Call under the lock. */
    private Period budget(BudgetLine line, long spent) {
        Period c = budgets.get(line.counterKey());
        if (c == null) {
            long now = line.periodStart().getEpochSecond();
            budgets.values().removeIf(old -> {
                old.dropped = old.expireAt > 0 && old.expireAt < now;
                return old.dropped;
            });
            c = new Period(spent, line.expireAtEpochSecond());
            budgets.put(line.counterKey(), c);
        }
        return c;
    }

    /**
     * Line {@code i}'s counter as {@code cells} keep it, or looked up (and kept) when they keep none yet or one
     * let go since; null when it does not exist yet. Call under the lock.
     */
    private Period found(BudgetLine line, Cells cells, int i) {
        if (cells != null && cells.counters[i] instanceof Period c && !c.dropped) {
            return c;
        }
        Period c = budgets.get(line.counterKey());
        if (cells != null) {
            cells.counters[i] = c;
        }
        return c;
    }

    /**
     * Completes when every line has its counter: those that have none yet ask the baseline first (off the lock;
     * requests that need the same counter at once wait for the same read, which makes the counter).
     */
    private Future<Void> ready(List<BudgetLine> lines) {
        if (baseline.zero()) {
            return Future.succeededFuture();
        }
        List<BudgetLine> missing = null;
        lock.lock();
        try {
            for (BudgetLine l : lines) {
                if (!budgets.containsKey(l.counterKey())) {
                    missing = missing == null ? new ArrayList<>(2) : missing;
                    missing.add(l);
                }
            }
        } finally {
            lock.unlock();
        }
        if (missing == null) {
            return Future.succeededFuture();
        }
        List<Future<Void>> made = new ArrayList<>(missing.size());
        for (BudgetLine l : missing) {
            made.add(load(l));
        }
        return Future.all(made).mapEmpty();
    }

    /** The read that makes {@code l}'s counter: the one in flight, or a new one. */
    private Future<Void> load(BudgetLine l) {
        return loading.run(l.counterKey(), () -> baseline.spentNanos(l.subject(), l.budget().period(),
                l.periodStart()).map(spent -> {
                    lock.lock();
                    try {
                        budget(l, spent);
                    } finally {
                        lock.unlock();
                    }
                    return null;
                }));
    }

    Future<BudgetReply> tryReserveBudget(List<BudgetLine> lines, Cells cells, long amountNanos) {
        BudgetReply now = reserveNow(lines, cells, amountNanos, true);
        return Future.succeededFuture(now != null ? now : Counters.NEEDS_BASELINE);
    }

    Future<Void> loadBaselines(List<BudgetLine> lines) {
        return ready(lines);
    }

    Future<BudgetReply> reserveBudget(List<BudgetLine> lines, long amountNanos) {
        BudgetReply now = reserveNow(lines, null, amountNanos, true);
        return now != null ? Future.succeededFuture(now)
                : ready(lines).map(v -> reserveNow(lines, null, amountNanos, false));
    }

    /** Null when {@code onlyIfReady} and a line's counter must first ask the baseline (one lock either way). */
    private BudgetReply reserveNow(List<BudgetLine> lines, Cells cells, long amountNanos, boolean onlyIfReady) {
        lock.lock();
        try {
            boolean waitForBaseline = onlyIfReady && !baseline.zero();
            int rejected = -1;
            for (int i = 0; i < lines.size(); i++) {
                BudgetLine l = lines.get(i);
                Period c = found(l, cells, i);
                if (c == null) {
                    if (waitForBaseline) {
                        return null; // nothing made or taken yet: every counter is made only when none is missing
                    }
                    c = budget(l, 0);
                }
                if (rejected < 0 && l.budget().hard() && c.spent + c.reserved + amountNanos > l.budget().limitNanos()) {
                    rejected = i;
                }
            }
            return new BudgetReply(rejected, apply(lines, cells, rejected < 0 ? amountNanos : 0, 0));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds {@code reserved} and {@code spent} to every line's counter (made if it was dropped since) and answers the
     * counters as they are then, in one look-up each. Call under the lock.
     */
    private List<BudgetState> apply(List<BudgetLine> lines, Cells cells, long reserved, long spent) {
        return switch (lines.size()) {
            case 0 -> List.of();
            case 1 -> List.of(apply(lines, cells, 0, reserved, spent));
            case 2 -> List.of(apply(lines, cells, 0, reserved, spent), apply(lines, cells, 1, reserved, spent));
            default -> {
                BudgetState[] all = new BudgetState[lines.size()];
                for (int i = 0; i < all.length; i++) {
                    all[i] = apply(lines, cells, i, reserved, spent);
                }
                yield List.of(all);
            }
        };
    }

    private BudgetState apply(List<BudgetLine> lines, Cells cells, int i, long reserved, long spent) {
        Period c = found(lines.get(i), cells, i);
        if (c == null) {
            c = budget(lines.get(i), 0);
            if (cells != null) {
                cells.counters[i] = c;
            }
        }
        c.reserved += reserved;
        c.spent += spent;
        return new BudgetState(c.spent, c.reserved);
    }

    Future<List<BudgetState>> settleBudget(List<BudgetLine> lines, Cells cells, long reservedNanos,
                                                  long actualNanos) {
        lock.lock();
        try { // a counter is made by its reservation (made again at 0 only if its period was dropped since)
            return Future.succeededFuture(apply(lines, cells, -reservedNanos, actualNanos));
        } finally {
            lock.unlock();
        }
    }

    Future<BudgetState> budgetState(BudgetLine line) {
        return ready(List.of(line)).map(v -> {
            lock.lock();
            try {
                Period c = budget(line, 0);
                return new BudgetState(c.spent, c.reserved);
            } finally {
                lock.unlock();
            }
        });
    }
}
