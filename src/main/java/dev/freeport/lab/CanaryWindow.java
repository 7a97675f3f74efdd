package dev.freeport.lab;

/**
 * One arm's outcomes (the canary's or the incumbent's) over a sliding time window: 20 buckets of a twentieth of the
 * window each, so a sum covers the window to within one bucket. Thread-safe (requests end on every event loop).
 */
final class CanaryWindow {
    static final int BUCKETS = 20;

    /** Sums over the window: requests, failed first attempts, cut streams, answers failing a deterministic check. */
    record Totals(long requests, long errors, long cut, long checkFailures) {
        double rate(long n) {
            return requests == 0 ? 0 : (double) n / requests;
        }
    }

    static final int REQUEST = 0;
    static final int ERROR = 1;
    static final int CUT = 2;
    static final int CHECK = 3;

    private final long bucketMillis;
    private final long[] slot = new long[BUCKETS];
    private final long[][] counts = new long[BUCKETS][4];

    CanaryWindow(long windowMillis) {
        this.bucketMillis = Math.max(1, windowMillis / BUCKETS);
    }

    synchronized void add(long nowMillis, int kind) {
        long s = nowMillis / bucketMillis;
        int i = (int) (s % BUCKETS);
        if (slot[i] != s) {
            slot[i] = s;
            java.util.Arrays.fill(counts[i], 0);
        }
        counts[i][kind]++;
    }

    synchronized Totals totals(long nowMillis) {
        long s = nowMillis / bucketMillis;
        long[] sum = new long[4];
        for (int i = 0; i < BUCKETS; i++) {
            if (slot[i] > s - BUCKETS && slot[i] <= s) {
                for (int k = 0; k < 4; k++) {
                    sum[k] += counts[i][k];
                }
            }
        }
        return new Totals(sum[REQUEST], sum[ERROR], sum[CUT], sum[CHECK]);
    }
}
