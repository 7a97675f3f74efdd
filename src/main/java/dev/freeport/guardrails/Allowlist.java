package dev.freeport.guardrails;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Values never flagged: exact literals (a test card, the company's support address) and regular expressions
 * that must match the whole detected value ({@code .*@ourcompany\.com}, {@code sk-test-.*}).
 */
public record Allowlist(Set<String> values, List<Pattern> patterns) {
    public static final Allowlist NONE = new Allowlist(Set.of(), List.of());

    public Allowlist {
        values = Set.copyOf(values);
        patterns = List.copyOf(patterns);
    }

    /** From literal values and pattern sources; throws {@link java.util.regex.PatternSyntaxException} on a bad pattern. */
    public static Allowlist of(Set<String> values, List<String> patterns) {
        return new Allowlist(values, patterns.stream().map(Pattern::compile).toList());
    }

    public boolean isEmpty() {
        return values.isEmpty() && patterns.isEmpty();
    }

    public boolean allows(String value) {
        if (values.contains(value)) {
            return true;
        }
        for (Pattern p : patterns) {
            if (p.matcher(value).matches()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "Allowlist[" + values.size() + " values, " + patterns.size() + " patterns]";
    }
}
