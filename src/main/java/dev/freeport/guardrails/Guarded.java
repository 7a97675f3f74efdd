package dev.freeport.guardrails;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The result of {@link GuardrailPlan#apply}: the body to send upstream (the caller's own instance when nothing
 * changed, else a new one; the input is never mutated), what was found, and the vault to restore the answer
 * with. When {@link #blocked()}, the body is the caller's unchanged and must not be sent: answer 403 with
 * {@code findings().blockMessage()}.
 */
public record Guarded(ObjectNode body, Findings findings, Vault vault) {
    public boolean blocked() {
        return findings.blocking().isPresent();
    }

    /** True when the body sent upstream differs from the caller's. */
    public boolean changed(ObjectNode original) {
        return body != original;
    }

    @Override
    public String toString() {
        return "Guarded[" + findings + ", " + vault + (blocked() ? ", blocked" : "") + "]";
    }
}
