package dev.freeport.observe;

import dev.freeport.route.CircuitBreaker;
import dev.freeport.route.Target;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code freeport_circuit_state{provider, model}}: 0 closed, 1 half-open (a probe may go), 2 open; one gauge per
 * target that has had an attempt. A reload may hand a target a new breaker: the gauge follows the newest one it
 * saw. Per attempt this is one identity lookup of the breaker.
 */
final class Breakers {
    private final MeterRegistry registry;
    private final LabelCap providers;
    private final LabelCap models;
    /** breakers seen (identity: CircuitBreaker has no equals) */
    private final Map<CircuitBreaker, Boolean> seen = new ConcurrentHashMap<>();
    private final Map<String, AtomicReference<CircuitBreaker>> byTarget = new ConcurrentHashMap<>();

    Breakers(MeterRegistry registry, LabelCap providers, LabelCap models) {
        this.registry = registry;
        this.providers = providers;
        this.models = models;
    }

    void see(Target t) {
        CircuitBreaker b = t.breaker();
        if (b == null || seen.containsKey(b)) {
            return;
        }
        seen.put(b, Boolean.TRUE);
        String provider = providers.of(t.provider().name());
        String model = models.of(t.upstreamModel());
        if (LabelCap.OTHER.equals(provider) || LabelCap.OTHER.equals(model)) {
            return; // one gauge cannot stand for many breakers
        }
        byTarget.computeIfAbsent(provider + "\n" + model, k -> {
            AtomicReference<CircuitBreaker> ref = new AtomicReference<>();
            Gauge.builder("freeport.circuit.state", ref, r -> state(r.get()))
                    .description("Circuit breaker of a target: 0 closed, 1 half-open, 2 open")
                    .tags("provider", provider, "model", model).strongReference(true).register(registry);
            return ref;
        }).set(b);
    }

    private static double state(CircuitBreaker b) {
        if (b == null) {
            return 0;
        }
        return switch (b.state()) {
            case CLOSED -> 0;
            case HALF_OPEN -> 1;
            case OPEN -> 2;
        };
    }
}
