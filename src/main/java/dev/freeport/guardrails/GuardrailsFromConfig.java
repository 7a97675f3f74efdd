package dev.freeport.guardrails;

import dev.freeport.config.GuardrailsConfig;
import dev.freeport.guardrails.detect.IpScope;
import dev.freeport.guardrails.detect.Kind;
import dev.freeport.route.Trust;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The config's {@code guardrails:} section (names validated by the config reader) as a {@link Guardrails}. */
public final class GuardrailsFromConfig {
    private GuardrailsFromConfig() {
    }

    public static Guardrails of(GuardrailsConfig c) {
        if (c == null || c.rules().isEmpty()) {
            return Guardrails.NONE;
        }
        List<GuardrailRule> rules = c.rules().stream().map(GuardrailsFromConfig::rule).toList();
        return Guardrails.of(new GuardrailPolicy(rules, Allowlist.of(c.allowValues(), c.allowPatterns()),
                new ScanSettings("all".equals(c.ipAddresses()) ? IpScope.ALL : IpScope.PUBLIC,
                        c.entropyThreshold())));
    }

    private static GuardrailRule rule(GuardrailsConfig.Rule r) {
        Set<Trust> trust = new HashSet<>();
        r.trust().forEach(t -> trust.add(Trust.parse(t)));
        trust.remove(null);
        Map<Action, Set<Kind>> byAction = new EnumMap<>(Action.class);
        r.actions().forEach((action, names) -> {
            Action a = Action.parse(action);
            if (a == null) {
                throw new IllegalArgumentException("unknown guardrail action " + action);
            }
            Set<Kind> kinds = byAction.computeIfAbsent(a, x -> EnumSet.noneOf(Kind.class));
            for (String n : names) {
                Set<Kind> named = Kind.named(n);
                if (named == null) {
                    throw new IllegalArgumentException("unknown guardrail kind " + n);
                }
                kinds.addAll(named);
            }
        });
        return GuardrailRule.of(trust, r.dataClasses(), byAction);
    }
}
