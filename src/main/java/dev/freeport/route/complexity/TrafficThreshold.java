package dev.freeport.route.complexity;

import java.util.Arrays;

/**
 * A threshold that sends a share of <em>this gateway's</em> traffic to the strong model: the quantile of the last
 * {@code window} scores observed, instead of the bundled calibration set's. The bundled set is a few hundred
 * prompts written for the purpose; real traffic has its own mix, so a static threshold misses its share (on the
 * held-out prompts the 10 % threshold already sends only 3 %, see docs/COMPLEXITY.md). Until {@code minObserved}
 * scores have been seen it answers with the scorer's own {@link ComplexityScorer#thresholdForShare}.
 *
 * <p>Thread-safe; {@link #observe} is O(1), {@link #thresholdForShare} sorts a copy of the window at most once
 * every {@code window / 32} observations.
 */
public final class TrafficThreshold {
    private final ComplexityScorer fallback;
    private final double[] ring;
    private final int minObserved;
    private final int refreshEvery;
    private long observed;
    private double[] sorted;
    private long sortedAt = -1;

    /**
     * @param fallback    answers until enough traffic was seen
     * @param window      how many recent scores the quantile is taken over (e.g. 2000)
     * @param minObserved how many scores before the window is trusted (e.g. 200)
     */
    public TrafficThreshold(ComplexityScorer fallback, int window, int minObserved) {
        if (window < 10 || minObserved < 1 || minObserved > window) {
            throw new IllegalArgumentException("need window >= 10 and 1 <= minObserved <= window");
        }
        this.fallback = fallback;
        this.ring = new double[window];
        this.minObserved = minObserved;
        this.refreshEvery = Math.max(1, window / 32);
    }

    /** Records a request's score. */
    public synchronized void observe(double score) {
        ring[(int) (observed % ring.length)] = score;
        observed++;
    }

    /** How many scores have been observed in total. */
    public synchronized long observed() {
        return observed;
    }

    /** The threshold for {@code strongShare} of recent traffic (score >= threshold is hard). */
    public double thresholdForShare(double strongShare) {
        double[] s;
        synchronized (this) {
            if (observed < minObserved) {
                s = null;
            } else {
                if (sorted == null || observed - sortedAt >= refreshEvery) {
                    int n = (int) Math.min(observed, ring.length);
                    sorted = Arrays.copyOf(ring, n);
                    Arrays.sort(sorted);
                    sortedAt = observed;
                }
                s = sorted;
            }
        }
        return s == null ? fallback.thresholdForShare(strongShare) : EmbeddingComplexityScorer.threshold(s, strongShare);
    }
}
