package dev.freeport.guardrails;

import java.util.Locale;

/**
 * What a plan does with a finding. Ordered from the least to the most strict: when several rules name one
 * kind, the strictest action wins.
 * <ul>
 *   <li>{@link #PSEUDONYMISE}: replaced by a placeholder that is stable within the request ({@code <<EMAIL_1>>})
 *   and restored in the answer;</li>
 *   <li>{@link #MASK}: replaced by {@code [EMAIL]} (the kind's label in brackets), irreversibly;</li>
 *   <li>{@link #BLOCK}: the request is refused (403) naming the kind and where it is.</li>
 * </ul>
 */
public enum Action {
    PSEUDONYMISE, MASK, BLOCK;

    public Action stricter(Action other) {
        return other == null || compareTo(other) >= 0 ? this : other;
    }

    /** "block", "mask", "pseudonymise" (or "pseudonymize"); null when unknown. */
    public static Action parse(String s) {
        if (s == null) {
            return null;
        }
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "block" -> BLOCK;
            case "mask", "redact" -> MASK;
            case "pseudonymise", "pseudonymize", "pseudonym" -> PSEUDONYMISE;
            default -> null;
        };
    }
}
