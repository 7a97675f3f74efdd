package dev.freeport.observe;

import dev.freeport.provider.FailureKind;
import dev.freeport.route.Attempt;
import dev.freeport.route.CircuitBreaker;
import dev.freeport.route.Target;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Per-target meters: {@code freeport_upstream_attempts_total{provider, model, outcome}} and
 * {@code freeport_circuit_state{provider, model}} (0 closed, 1 half-open, 2 open; for targets tried since start).
 * A target is found by its circuit breaker's identity (one breaker per provider and model), so an attempt costs one
 * identity lookup and an add, with nothing allocated. A reload may hand a target a new breaker: its gauge follows
 * the newest one seen.
 */
final class Targets {
    /** "ok", then every failure kind's name. */
    private static final String[] OUTCOME = outcomes();

    private final MeterRegistry registry;
    private final LabelCap providers;
    private final LabelCap models;
    private final Map<CircuitBreaker, Seen> seen = new ConcurrentHashMap<>();
    private final Map<String, AtomicReference<CircuitBreaker>> gauges = new ConcurrentHashMap<>();
    private final Map<String, Counter> attempts = new ConcurrentHashMap<>();

    /** One breaker's target: its labels and its attempt counters by outcome (filled as outcomes occur). */
    private static final class Seen {
        final String provider;
        final String model;
        final Counter[] byOutcome = new Counter[OUTCOME.length];

        Seen(String provider, String model) {
            this.provider = provider;
            this.model = model;
        }
    }

    Targets(MeterRegistry registry, LabelCap providers, LabelCap models) {
        this.registry = registry;
        this.providers = providers;
        this.models = models;
    }

    /** Counts one attempt under its outcome. */
    void attempt(Attempt a) {
        Seen s = seen(a.target());
        int i = a.failure() == null ? 0 : a.failure().kind().ordinal() + 1;
        Counter c = s.byOutcome[i];
        if (c == null) { // a race registers the same counter twice: Micrometer hands back the first
            c = attempts.computeIfAbsent(s.provider + "\n" + s.model + "\n" + OUTCOME[i],
                    k -> Counter.builder("freeport.upstream.attempts")
                            .description("Upstream attempts, by outcome (ok or the failure kind)")
                            .tags("provider", s.provider, "model", s.model, "outcome", OUTCOME[i]).register(registry));
            s.byOutcome[i] = c;
        }
        c.increment();
    }

    private Seen seen(Target t) {
        CircuitBreaker b = t.breaker();
        if (b == null) { // a target without a breaker (tests): no gauge, counters by name
            return new Seen(providers.of(t.provider().name()), models.of(t.upstreamModel()));
        }
        Seen s = seen.get(b);
        if (s != null) {
            return s;
        }
        String provider = providers.of(t.provider().name());
        String model = models.of(t.upstreamModel());
        s = seen.computeIfAbsent(b, k -> new Seen(provider, model));
        if (!LabelCap.OTHER.equals(provider) && !LabelCap.OTHER.equals(model)) { // one gauge is one breaker
            gauges.computeIfAbsent(provider + "\n" + model, k -> {
                AtomicReference<CircuitBreaker> ref = new AtomicReference<>();
                Gauge.builder("freeport.circuit.state", ref, r -> state(r.get()))
                        .description("Circuit breaker of a target: 0 closed, 1 half-open, 2 open")
                        .tags("provider", provider, "model", model).strongReference(true).register(registry);
                return ref;
            }).set(b);
        }
        return s;
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

    private static String[] outcomes() {
        FailureKind[] kinds = FailureKind.values();
        String[] out = new String[kinds.length + 1];
        out[0] = "ok";
        for (int i = 0; i < kinds.length; i++) {
            out[i + 1] = kinds[i].name().toLowerCase(Locale.ROOT);
        }
        return out;
    }
}
