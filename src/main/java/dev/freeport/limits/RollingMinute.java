package dev.freeport.limits;

/**
 * One subject's rolling minute in this process, counted per second of arrival: requests and tokens per second,
 * the time of the latest arrival in each second, their sums, and the slots in flight. A second's counts leave the
 * minute when its latest arrival is a minute old, so an earlier request of the same second is held up to one
 * second longer than an exact log would (never shorter: the limit is never exceeded), and the newest request of
 * each second is exact. In exchange the memory is 61 buckets per subject whatever the traffic: a log of every
 * request of the last minute was ~180 bytes per request (~100 MB at 9,000 requests per second, all of it living
 * long enough to reach the old generation). Tokens reserved at admission are settled to the real count in the
 * second they were counted in, while it is in the minute: the request's ticket remembers that second and its
 * reserved tokens, so the minute keeps nothing per request (no map entry, no id), and the slots in flight are a
 * count. Not thread-safe: {@link MemoryCounters} holds its lock.
 */
final class RollingMinute {
    /** a minute of seconds, plus the second whose latest arrival is not yet a minute old */
    static final int BUCKETS = 61;
    static final long SECOND_MS = 1000;

    private final long[] second = new long[BUCKETS];
    private final long[] latest = new long[BUCKETS];
    private final long[] requests = new long[BUCKETS];
    private final long[] tokens = new long[BUCKETS];
    private long requestSum;
    private long tokenSum;
    private long newestRequest = Long.MIN_VALUE;
    private long newestToken = Long.MIN_VALUE;
    /** the earliest time a bucket leaves the minute; no scan before it */
    private long nextExpiry = Long.MAX_VALUE;
    /** requests holding a slot (admitted with a max-parallel limit, not yet ended) */
    private long parallel;

    RollingMinute() {
        java.util.Arrays.fill(second, Long.MIN_VALUE);
    }

    private static int bucket(long second) {
        return (int) Math.floorMod(second, BUCKETS);
    }

    private boolean holds(long s) {
        return second[bucket(s)] == s;
    }

    /** Drops the seconds whose latest arrival is a minute old. */
    void trim(long nowMillis) {
        if (nowMillis < nextExpiry) {
            return;
        }
        long next = Long.MAX_VALUE;
        for (int i = 0; i < BUCKETS; i++) {
            if (second[i] == Long.MIN_VALUE) {
                continue;
            }
            if (latest[i] <= nowMillis - MemoryCounters.WINDOW_MS) {
                clear(i);
            } else {
                next = Math.min(next, latest[i] + MemoryCounters.WINDOW_MS);
            }
        }
        nextExpiry = next;
    }

    private void clear(int i) {
        requestSum -= requests[i];
        tokenSum -= tokens[i];
        requests[i] = 0;
        tokens[i] = 0;
        second[i] = Long.MIN_VALUE;
    }

    private int current(long nowMillis) {
        long now = Math.floorDiv(nowMillis, SECOND_MS);
        int i = bucket(now);
        if (second[i] != now) {
            clear(i); // 61 seconds old: every arrival in it is more than a minute old
            second[i] = now;
        }
        latest[i] = Math.max(latest[i], nowMillis);
        nextExpiry = Math.min(nextExpiry, latest[i] + MemoryCounters.WINDOW_MS);
        return i;
    }

    void addRequest(long nowMillis) {
        int i = current(nowMillis);
        requests[i]++;
        requestSum++;
        newestRequest = Math.max(newestRequest, nowMillis);
    }

    void addTokens(long count, long nowMillis) {
        int i = current(nowMillis);
        tokens[i] += count;
        tokenSum += count;
        newestToken = Math.max(newestToken, nowMillis);
    }

    /**
     * Replaces a request's {@code reserved} tokens, counted at {@code admittedMillis}, with its real count, if that
     * second is still in the minute.
     */
    void settleTokens(long reserved, long admittedMillis, long actual) {
        long s = Math.floorDiv(admittedMillis, SECOND_MS);
        if (!holds(s)) {
            return;
        }
        int i = bucket(s);
        tokens[i] += actual - reserved;
        tokenSum += actual - reserved;
    }

    long parallel() {
        return parallel;
    }

    /**
     * Whether this minute holds nothing at {@code nowMillis} (every second left it, no slot in flight): it then
     * answers as a new one would.
     */
    boolean empty(long nowMillis) {
        trim(nowMillis);
        return parallel == 0 && nextExpiry == Long.MAX_VALUE;
    }

    /** The last time a request was checked against this minute ({@link MemoryCounters} sets it). */
    long seen;

    /**
     * When {@link MemoryCounters} last put it behind the others in its least-recently-used order (at most a second
     * before {@link #seen} after a check).
     */
    long placedAt;

    /** True once {@link MemoryCounters} let it go: a line's cell that keeps it looks its subject up again. */
    boolean forgotten;

    void takeSlot() {
        parallel++;
    }

    void freeSlot() {
        parallel = Math.max(0, parallel - 1);
    }

    long requestCount() {
        return requestSum;
    }

    long tokenCount() {
        return tokenSum;
    }

    /** Ms until {@code excess} more requests have left the minute. */
    long requestsLeaveIn(long excess, long nowMillis) {
        return leaveIn(requests, excess, nowMillis);
    }

    /** Ms until enough tokens leave the minute for {@code need} more under {@code limit}; -1 if never. */
    long tokensFreeIn(long need, long limit, long nowMillis) {
        if (need > limit) {
            return -1;
        }
        return leaveIn(tokens, tokenSum + need - limit, nowMillis);
    }

    private long leaveIn(long[] counts, long excess, long nowMillis) {
        long now = Math.floorDiv(nowMillis, SECOND_MS);
        for (long s = now - BUCKETS + 1; s <= now; s++) {
            int i = bucket(s);
            if (second[i] == s) {
                excess -= counts[i];
                if (excess <= 0) {
                    return latest[i] + MemoryCounters.WINDOW_MS - nowMillis;
                }
            }
        }
        return MemoryCounters.WINDOW_MS;
    }

    /** Ms until the minute holds no request (0 when it holds none now). */
    long requestsResetIn(long nowMillis) {
        return Math.max(0, newestRequest == Long.MIN_VALUE ? 0
                : newestRequest + MemoryCounters.WINDOW_MS - nowMillis);
    }

    /** Ms until the minute holds no token count (0 when it holds none now). */
    long tokensResetIn(long nowMillis) {
        return Math.max(0, newestToken == Long.MIN_VALUE ? 0 : newestToken + MemoryCounters.WINDOW_MS - nowMillis);
    }
}
