package dev.freeport.limits;

import io.vertx.core.Future;

import java.time.Instant;
import java.util.List;

/**
 * Where budget and rate-limit counters live. Every check-and-reserve is atomic over all the lines it is given
 * (a key's and its team's): either all are taken or none. {@link MemoryCounters} holds them in this process;
 * {@link RedisCounters} in Redis, shared by every replica (one Lua script per operation). Futures complete on
 * whatever thread the backend answers on; the policies hop back to the caller's context.
 */
public interface Counters extends AutoCloseable {

    /** Spent (settled) and reserved (admitted, not yet ended) nano-dollars of one budget period. */
    record BudgetState(long spentNanos, long reservedNanos) {
    }

    /**
     * {@code rejected}: index of the first hard budget the amount does not fit, or -1 when reserved
     * ({@link #NEEDS_BASELINE}: nothing was reserved, a line's counter needs its starting spend first).
     */
    record BudgetReply(int rejected, List<BudgetState> states) {
        public boolean admitted() {
            return rejected == -1;
        }

        public boolean needsBaseline() {
            return rejected == -2;
        }
    }

    /** Nothing reserved: a line's counter has no starting spend yet ({@link #loadBaselines}). */
    BudgetReply NEEDS_BASELINE = new BudgetReply(-2, List.of());

    /** What a rate line looks like after an admission: counts in the rolling minute and ms until it is empty. */
    record RateState(long requestsUsed, long requestsResetMillis, long tokensUsed, long tokensResetMillis) {
    }

    enum Dimension { REQUESTS, TOKENS, PARALLEL }

    /**
     * {@code rejectedLine} -1 when admitted; otherwise which line and {@link Dimension} refused, and in how many
     * ms a retry can fit (-1: never, the request alone exceeds the limit).
     */
    record RateReply(int rejectedLine, Dimension dimension, long retryAfterMillis, List<RateState> states) {
        public boolean admitted() {
            return rejectedLine < 0;
        }
    }

    /**
     * Each line's counter as the in-process store ({@link MemoryCounters}) found it, kept with a principal's lines
     * ({@link PrincipalLines}: one per principal, not per request) and given back with them, so that admission,
     * release and settlement reach the counters without a map look-up each. The shared stores keep nothing here.
     * Read and written by MemoryCounters under its lock only.
     */
    final class Cells {
        final Object[] counters;

        Cells(int lines) {
            counters = new Object[lines];
        }
    }

    /** Reserves {@code amountNanos} on every line, unless a hard line's spent + reserved + amount > limit. */
    Future<BudgetReply> reserveBudget(List<BudgetLine> lines, long amountNanos);

    /**
     * As {@link #reserveBudget}, but never reads the ledger: when a line's counter has no starting spend yet it
     * answers {@link #NEEDS_BASELINE} at once (the caller then {@link #loadBaselines loads} it, off the counters'
     * deadline, and tries again).
     */
    default Future<BudgetReply> tryReserveBudget(List<BudgetLine> lines, long amountNanos) {
        return reserveBudget(lines, amountNanos);
    }

    /**
     * Gives every line's counter its starting spend ({@link SpendBaseline}: a ledger read on a worker) where it has
     * none yet; one read per counter however many requests wait for it. Completes when all are there.
     */
    default Future<Void> loadBaselines(List<BudgetLine> lines) {
        return Future.succeededFuture();
    }

    /** As {@link #tryReserveBudget(List, long)}, the lines' counters kept in {@code cells} (null: none kept). */
    default Future<BudgetReply> tryReserveBudget(List<BudgetLine> lines, Cells cells, long amountNanos) {
        return tryReserveBudget(lines, amountNanos);
    }

    /** Replaces a reservation with the real cost; answers the new states (for alerts). */
    Future<List<BudgetState>> settleBudget(List<BudgetLine> lines, long reservedNanos, long actualNanos);

    /** As {@link #settleBudget(List, long, long)}, the lines' counters kept in {@code cells} (null: none kept). */
    default Future<List<BudgetState>> settleBudget(List<BudgetLine> lines, Cells cells, long reservedNanos,
                                                   long actualNanos) {
        return settleBudget(lines, reservedNanos, actualNanos);
    }

    Future<BudgetState> budgetState(BudgetLine line);

    /**
     * Counts one request of {@code tokens} (reserved) in each line's rolling minute and takes a parallel slot,
     * unless a line's RPM, TPM or max-parallel would be exceeded.
     */
    Future<RateReply> acquireRate(String requestId, List<RateLine> lines, long tokens, long nowMillis);

    /** As {@link #acquireRate(String, List, long, long)}, the lines' counters kept in {@code cells} (null: none). */
    default Future<RateReply> acquireRate(String requestId, List<RateLine> lines, Cells cells, long tokens,
                                          long nowMillis) {
        return acquireRate(requestId, lines, tokens, nowMillis);
    }

    /**
     * Settles the request's tokens to {@code actualTokens} and frees its parallel slot: the request admitted by
     * {@link #acquireRate} at {@code admittedMillis} with {@code reservedTokens} (the in-process counters keep nothing
     * per request: these say where its tokens were counted).
     */
    Future<Void> releaseRate(String requestId, List<RateLine> lines, long reservedTokens, long admittedMillis,
                             long actualTokens, long nowMillis);

    /** As {@link #releaseRate(String, List, long, long, long, long)}, the lines' counters kept in {@code cells}. */
    default Future<Void> releaseRate(String requestId, List<RateLine> lines, Cells cells, long reservedTokens,
                                     long admittedMillis, long actualTokens, long nowMillis) {
        return releaseRate(requestId, lines, reservedTokens, admittedMillis, actualTokens, nowMillis);
    }

    /** Requests in flight holding a parallel slot of this line (for tests and diagnostics). */
    Future<Long> inFlight(RateLine line, long nowMillis);

    /** True for the first caller only (per key, across replicas for Redis): "fire this alert once". */
    Future<Boolean> firstTime(String alertKey, Instant forgetAt);

    @Override
    void close();
}
