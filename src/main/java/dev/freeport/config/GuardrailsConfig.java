package dev.freeport.config;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code guardrails:} section (docs/GUARDRAILS.md): which kinds of secrets and personal data are blocked,
 * masked or pseudonymised on their way to targets of which trust levels, for which data classes. Names are kept
 * as written (lower case) and validated; the guardrails package turns them into its plan.
 *
 * @param ipAddresses      "public" (only globally routable addresses count) or "all"
 * @param entropyThreshold bits per character a value after a key-like name needs to count as a secret (0..8)
 * @param allowValues      values never flagged
 * @param allowPatterns    regular expressions a whole detected value may match to be never flagged
 * @param rules            in file order; every rule that matches a target and data class applies
 */
public record GuardrailsConfig(String ipAddresses, double entropyThreshold, Set<String> allowValues,
                               List<String> allowPatterns, List<Rule> rules) {
    public static final GuardrailsConfig NONE = new GuardrailsConfig("public", 3.0, Set.of(), List.of(), List.of());

    public GuardrailsConfig {
        allowValues = Set.copyOf(allowValues);
        allowPatterns = List.copyOf(allowPatterns);
        rules = List.copyOf(rules);
    }

    /**
     * One rule.
     *
     * @param trust       "self-hosted", "contracted", "public"; empty: targets of any trust
     * @param dataClasses data class names; empty: any request, also one without a class
     * @param actions     "block", "mask", "pseudonymise" to the kind or group names written under it
     */
    public record Rule(Set<String> trust, Set<String> dataClasses, Map<String, List<String>> actions) {
        public Rule {
            trust = Set.copyOf(trust);
            dataClasses = Set.copyOf(dataClasses);
            actions = Map.copyOf(actions);
        }
    }
}
