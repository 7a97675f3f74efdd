package dev.freeport.limits;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counters in this process (the embedded default). One lock guards every counter, so a check-and-reserve over a
 * key and its team is atomic; the critical sections are a few map operations. A budget period's counter starts
 * from the {@link SpendBaseline} (zero unless one is given; {@link LedgerBaseline} reads the ledger), asked before
 * the first reservation that needs it, so that a restart does not forget this period's spend.
 * Period counters of ended periods are dropped as new ones are made; a subject's rolling minute is forgotten once
 * it holds nothing (a minute without its requests and no slot in flight: {@link #forgetEmptyWindows}), and an
 * alert's mark at its {@code forgetAt}, so rotating or many keys do not grow the maps without bound.
 */
public final class MemoryCounters implements Counters {
    static final long WINDOW_MS = 60_000;

    private final ReentrantLock lock = new ReentrantLock();
    private final MemoryBudgets budgets;
    /** subject -> its minute, least recently used first (the order {@link #forgetEmptyWindows} looks in) */
    private final LinkedHashMap<String, RollingMinute> windows = new LinkedHashMap<>(16, 0.75f, true);
    /** the windows {@link #forgetEmptyWindows} looks at per rate check: more than one check can make */
    static final int FORGET_PER_CHECK = 4;
    /** alert key -> when it may be forgotten (epoch seconds; Long.MAX_VALUE: never) */
    private final Map<String, Long> alerts = new HashMap<>();
    private long alertsSweptAt;

    public MemoryCounters(SpendBaseline baseline) {
        this.budgets = new MemoryBudgets(lock, baseline == null ? SpendBaseline.ZERO : baseline);
    }

    @Override
    public Future<BudgetReply> tryReserveBudget(List<BudgetLine> lines, long amountNanos) {
        return budgets.tryReserveBudget(lines, null, amountNanos);
    }

    @Override
    public Future<BudgetReply> tryReserveBudget(List<BudgetLine> lines, Cells cells, long amountNanos) {
        return budgets.tryReserveBudget(lines, cells, amountNanos);
    }

    @Override
    public Future<Void> loadBaselines(List<BudgetLine> lines) {
        return budgets.loadBaselines(lines);
    }

    @Override
    public Future<BudgetReply> reserveBudget(List<BudgetLine> lines, long amountNanos) {
        return budgets.reserveBudget(lines, amountNanos);
    }

    @Override
    public Future<List<BudgetState>> settleBudget(List<BudgetLine> lines, long reservedNanos, long actualNanos) {
        return budgets.settleBudget(lines, null, reservedNanos, actualNanos);
    }

    @Override
    public Future<List<BudgetState>> settleBudget(List<BudgetLine> lines, Cells cells, long reservedNanos,
                                                  long actualNanos) {
        return budgets.settleBudget(lines, cells, reservedNanos, actualNanos);
    }

    @Override
    public Future<BudgetState> budgetState(BudgetLine line) {
        return budgets.budgetState(line);
    }

    @Override
    public Future<RateReply> acquireRate(String requestId, List<RateLine> lines, long tokens, long nowMillis) {
        return acquireRate(requestId, lines, new Cells(lines.size()), tokens, nowMillis);
    }

    @Override
    public Future<RateReply> acquireRate(String requestId, List<RateLine> lines, Cells kept, long tokens,
                                         long nowMillis) {
        Cells cells = kept != null ? kept : new Cells(lines.size()); // where take() finds what the check found
        lock.lock();
        try {
            for (int i = 0; i < lines.size(); i++) {
                RateLine line = lines.get(i);
                RollingMinute w = window(line.subject(), cells, i, nowMillis);
                if (line.rpm() >= 0 && w.requestCount() + 1 > line.rpm()) {
                    long retry = line.rpm() == 0 ? -1
                            : w.requestsLeaveIn(w.requestCount() + 1 - line.rpm(), nowMillis);
                    return Future.succeededFuture(new RateReply(i, Dimension.REQUESTS, retry, List.of()));
                }
                if (line.tpm() >= 0 && w.tokenCount() + tokens > line.tpm()) {
                    return Future.succeededFuture(new RateReply(i, Dimension.TOKENS,
                            w.tokensFreeIn(tokens, line.tpm(), nowMillis), List.of()));
                }
                if (line.maxParallel() >= 0 && w.parallel() + 1 > line.maxParallel()) {
                    return Future.succeededFuture(new RateReply(i, Dimension.PARALLEL,
                            line.maxParallel() == 0 ? -1 : 1000, List.of()));
                }
            }
            List<RateState> states = switch (lines.size()) { // a key's and its team's: no array between
                case 1 -> List.of(take(lines.get(0), cells, 0, tokens, nowMillis));
                case 2 -> List.of(take(lines.get(0), cells, 0, tokens, nowMillis),
                        take(lines.get(1), cells, 1, tokens, nowMillis));
                default -> {
                    RateState[] all = new RateState[lines.size()];
                    for (int i = 0; i < all.length; i++) {
                        all[i] = take(lines.get(i), cells, i, tokens, nowMillis);
                    }
                    yield List.of(all);
                }
            };
            return Future.succeededFuture(new RateReply(-1, null, 0, states));
        } finally {
            lock.unlock();
        }
    }

    /**
     * The subject's minute, trimmed to {@code nowMillis} and kept in line {@code i}'s cell: the one the cell keeps
     * unless it was forgotten since, else looked up (a new one first forgets a few that hold nothing). One found
     * through its cell is put back in its place among the least recently used once a second (one look-up a second,
     * not one per request): the order {@link #forgetEmptyWindows} relies on is then right to the second. Under the
     * lock.
     */
    private RollingMinute window(String subject, Cells cells, int i, long nowMillis) {
        RollingMinute w = cells.counters[i] instanceof RollingMinute kept && !kept.forgotten ? kept : null;
        if (w == null || nowMillis - w.placedAt >= RollingMinute.SECOND_MS) {
            w = windows.get(subject); // the kept one is the same minute: now the most recently used
            if (w == null) {
                forgetEmptyWindows(nowMillis);
                w = new RollingMinute();
                windows.put(subject, w);
            }
            w.placedAt = nowMillis;
            cells.counters[i] = w;
        }
        w.trim(nowMillis);
        w.seen = nowMillis;
        return w;
    }

    /**
     * Forgets up to {@link #FORGET_PER_CHECK} of the least recently used minutes not checked for a minute that hold
     * nothing (they answer as a new one would; one made by this check for another line is kept), when a new one is
     * made: each new subject pays for forgetting old ones, so the map holds the
     * subjects of about the last minute plus those with requests in flight. A minute with a slot in flight is moved
     * behind the others, not forgotten. Under the lock.
     */
    private void forgetEmptyWindows(long nowMillis) {
        var it = windows.entrySet().iterator();
        RollingMinute busy = null;
        String busySubject = null;
        for (int i = 0; i < FORGET_PER_CHECK && it.hasNext(); i++) {
            var e = it.next();
            RollingMinute w = e.getValue();
            if (w.seen <= nowMillis - WINDOW_MS && w.empty(nowMillis)) {
                it.remove();
                w.forgotten = true; // a cell that keeps it looks the subject up again
            } else if (w.parallel() > 0 && w.seen <= nowMillis - WINDOW_MS && busy == null) {
                busy = w;
                busySubject = e.getKey();
            } else {
                break; // used within the minute: the rest were used later
            }
        }
        if (busy != null) {
            windows.get(busySubject); // behind the others, so it does not stop the next look
            busy.placedAt = nowMillis;
        }
    }

    /** The number of subjects' minutes kept, for a test. */
    int windowCount() {
        lock.lock();
        try {
            return windows.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Counts an admitted request on the line's minute (line {@code i}'s cell: the check just found it); answers the
     * line's state after it. Call under the lock.
     */
    private static RateState take(RateLine line, Cells cells, int i, long tokens, long nowMillis) {
        RollingMinute w = (RollingMinute) cells.counters[i];
        if (line.rpm() >= 0) {
            w.addRequest(nowMillis);
        }
        if (line.tpm() >= 0) {
            w.addTokens(tokens, nowMillis);
        }
        if (line.maxParallel() >= 0) {
            w.takeSlot();
        }
        return new RateState(w.requestCount(), w.requestsResetIn(nowMillis), w.tokenCount(),
                w.tokensResetIn(nowMillis));
    }

    @Override
    public Future<Void> releaseRate(String requestId, List<RateLine> lines, long reservedTokens, long admittedMillis,
                                    long actualTokens, long nowMillis) {
        return releaseRate(requestId, lines, null, reservedTokens, admittedMillis, actualTokens, nowMillis);
    }

    /**
     * {@inheritDoc} A minute a cell keeps is the one the request was counted on (one with a slot in flight is never
     * forgotten; one forgotten since holds none of the request's seconds, so settling it changes nothing).
     */
    @Override
    public Future<Void> releaseRate(String requestId, List<RateLine> lines, Cells cells, long reservedTokens,
                                    long admittedMillis, long actualTokens, long nowMillis) {
        lock.lock();
        try {
            for (int i = 0; i < lines.size(); i++) {
                RateLine line = lines.get(i);
                RollingMinute w = cells != null && cells.counters[i] instanceof RollingMinute kept
                        && !kept.forgotten ? kept : windows.get(line.subject());
                if (w == null) {
                    continue;
                }
                if (line.maxParallel() >= 0) {
                    w.freeSlot();
                }
                if (line.tpm() >= 0) {
                    w.settleTokens(reservedTokens, admittedMillis, actualTokens);
                }
            }
            return Future.succeededFuture();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Future<Long> inFlight(RateLine line, long nowMillis) {
        lock.lock();
        try {
            RollingMinute w = windows.get(line.subject());
            return Future.succeededFuture(w == null ? 0L : w.parallel());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Future<Boolean> firstTime(String alertKey, Instant forgetAt) {
        long now = System.currentTimeMillis() / 1000;
        lock.lock();
        try {
            if (now != alertsSweptAt) { // alerts are few (one per threshold crossed): a look at them once a second
                alertsSweptAt = now;
                alerts.values().removeIf(forget -> forget <= now);
            }
            return Future.succeededFuture(alerts.putIfAbsent(alertKey,
                    forgetAt == null ? Long.MAX_VALUE : forgetAt.getEpochSecond()) == null);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
    }
}
