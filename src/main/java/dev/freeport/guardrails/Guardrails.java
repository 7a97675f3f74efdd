package dev.freeport.guardrails;

import dev.freeport.guardrails.detect.Kind;
import dev.freeport.route.Trust;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The entry point: built once per config ({@link #of}), asked per request for the plan of the chosen target's
 * trust level and the request's data class. Plans are made once and cached; data classes that no rule names
 * share one cache entry, so a caller's header cannot grow the cache. Thread-safe.
 */
public final class Guardrails {
    public static final Guardrails NONE = new Guardrails(GuardrailPolicy.NONE);

    private final GuardrailPolicy policy;
    private final Set<String> namedClasses = new HashSet<>();
    private final Map<Key, GuardrailPlan> plans = new ConcurrentHashMap<>();

    private record Key(Trust trust, String dataClass) {
    }

    private Guardrails(GuardrailPolicy policy) {
        this.policy = policy;
        policy.rules().forEach(r -> namedClasses.addAll(r.dataClasses()));
    }

    public static Guardrails of(GuardrailPolicy policy) {
        return policy.rules().isEmpty() ? NONE : new Guardrails(policy);
    }

    /** True when no rule could apply to any request. */
    public boolean isEmpty() {
        return policy.rules().isEmpty();
    }

    public GuardrailPolicy policy() {
        return policy;
    }

    /** The plan for a target of {@code trust} and a request of {@code dataClass} (null: none). */
    public GuardrailPlan forTarget(Trust trust, String dataClass) {
        if (policy.rules().isEmpty()) {
            return GuardrailPlan.EMPTY;
        }
        Objects.requireNonNull(trust, "trust");
        String dc = dataClass != null && namedClasses.contains(dataClass) ? dataClass : null;
        return plans.computeIfAbsent(new Key(trust, dc), k -> build(k.trust(), k.dataClass()));
    }

    private GuardrailPlan build(Trust trust, String dataClass) {
        Map<Kind, Action> actions = new EnumMap<>(Kind.class);
        for (GuardrailRule r : policy.rules()) {
            if (r.matches(trust, dataClass)) {
                r.actions().forEach((k, a) -> actions.merge(k, a, Action::stricter));
            }
        }
        return GuardrailPlan.of(actions, policy.settings(), policy.allowlist());
    }
}
