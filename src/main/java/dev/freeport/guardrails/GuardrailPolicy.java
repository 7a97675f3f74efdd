package dev.freeport.guardrails;

import java.util.List;

/**
 * The whole guardrail configuration: rules (all that match a target and data class apply; for a kind named by
 * several, the strictest action wins), the allowlist, and detector settings.
 */
public record GuardrailPolicy(List<GuardrailRule> rules, Allowlist allowlist, ScanSettings settings) {
    public static final GuardrailPolicy NONE = new GuardrailPolicy(List.of(), Allowlist.NONE, ScanSettings.DEFAULT);

    public GuardrailPolicy {
        rules = List.copyOf(rules);
        allowlist = allowlist == null ? Allowlist.NONE : allowlist;
        settings = settings == null ? ScanSettings.DEFAULT : settings;
    }
}
