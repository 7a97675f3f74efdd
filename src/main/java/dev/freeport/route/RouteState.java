package dev.freeport.route;

import dev.freeport.route.complexity.ComplexityScorer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Routing state that outlives config reloads: circuit breakers and latency/load statistics per target (keyed
 * "provider/model"), the concentration windows, the kill switch, and the complexity scorer (loaded on first use).
 */
public record RouteState(Map<String, CircuitBreaker> breakers, Map<String, TargetStats> stats,
                         ConcentrationTracker concentration, VendorSwitches switches,
                         Supplier<ComplexityScorer> scorer) {

    public static RouteState fresh(VendorSwitches switches, Supplier<ComplexityScorer> scorer) {
        return new RouteState(new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), new ConcentrationTracker(),
                switches, scorer);
    }

    public TargetStats statsFor(String label) {
        return stats.computeIfAbsent(label, k -> new TargetStats());
    }
}
