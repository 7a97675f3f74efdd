package dev.freeport.route;

import dev.freeport.route.complexity.ComplexityScorer;
import dev.freeport.route.complexity.TrafficThreshold;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Routing state that outlives config reloads: circuit breakers and latency/load statistics per target (keyed
 * "provider/model"), the concentration windows, the kill switch, the canaries, the complexity scorer (loaded on first use, may
 * block: call it on a worker) and each complexity alias's live-traffic threshold.
 */
public record RouteState(Map<String, CircuitBreaker> breakers, Map<String, TargetStats> stats,
                         ConcentrationTracker concentration, VendorSwitches switches,
                         Supplier<ComplexityScorer> scorer, Map<String, TrafficThreshold> thresholds,
                         Canaries canaries) {

    public RouteState {
        canaries = canaries == null ? Canaries.NONE : canaries;
    }

    public RouteState(Map<String, CircuitBreaker> breakers, Map<String, TargetStats> stats,
                      ConcentrationTracker concentration, VendorSwitches switches, Supplier<ComplexityScorer> scorer,
                      Map<String, TrafficThreshold> thresholds) {
        this(breakers, stats, concentration, switches, scorer, thresholds, Canaries.NONE);
    }

    /** Scores the live-traffic threshold of a complexity alias is taken over, and how many before it is trusted. */
    public static final int THRESHOLD_WINDOW = 2000;
    public static final int THRESHOLD_MIN_OBSERVED = 200;

    public static RouteState fresh(VendorSwitches switches, Supplier<ComplexityScorer> scorer) {
        return fresh(switches, Canaries.NONE, scorer);
    }

    public static RouteState fresh(VendorSwitches switches, Canaries canaries, Supplier<ComplexityScorer> scorer) {
        return new RouteState(new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), new ConcentrationTracker(),
                switches, scorer, new ConcurrentHashMap<>(), canaries);
    }

    /**
     * The threshold of a complexity alias: the share of that alias's recent traffic (the last
     * {@link #THRESHOLD_WINDOW} scores), from the scorer's bundled calibration until
     * {@link #THRESHOLD_MIN_OBSERVED} were seen.
     */
    public TrafficThreshold thresholdFor(String alias, ComplexityScorer s) {
        return thresholds.computeIfAbsent(alias, a -> new TrafficThreshold(s, THRESHOLD_WINDOW,
                THRESHOLD_MIN_OBSERVED));
    }

    public TargetStats statsFor(String label) {
        return stats.computeIfAbsent(label, k -> new TargetStats());
    }
}
