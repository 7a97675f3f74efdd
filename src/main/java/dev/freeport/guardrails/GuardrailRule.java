package dev.freeport.guardrails;

import dev.freeport.guardrails.detect.Kind;
import dev.freeport.route.Trust;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * One rule of a policy: for targets of these trust levels (empty: any) and requests of these data classes
 * (empty: any, including requests without one), take these actions on these kinds.
 */
public record GuardrailRule(Set<Trust> trust, Set<String> dataClasses, Map<Kind, Action> actions) {
    public GuardrailRule {
        trust = Set.copyOf(trust);
        dataClasses = Set.copyOf(dataClasses);
        Map<Kind, Action> m = new EnumMap<>(Kind.class);
        m.putAll(actions);
        actions = Collections.unmodifiableMap(m);
    }

    /** From the config's shape: an action per list of kinds ({@code block: [private_key], mask: [personal]}). */
    public static GuardrailRule of(Set<Trust> trust, Set<String> dataClasses, Map<Action, Set<Kind>> byAction) {
        Map<Kind, Action> m = new EnumMap<>(Kind.class);
        byAction.forEach((action, kinds) -> kinds.forEach(k -> m.merge(k, action, Action::stricter)));
        return new GuardrailRule(trust, dataClasses, m);
    }

    public boolean matches(Trust target, String dataClass) {
        return (trust.isEmpty() || trust.contains(target))
                && (dataClasses.isEmpty() || (dataClass != null && dataClasses.contains(dataClass)));
    }
}
