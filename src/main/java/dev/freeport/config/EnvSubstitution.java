package dev.freeport.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code ${VAR}} and {@code ${VAR:-default}} in string values, anywhere in the value. As in a shell, {@code :-}
 * also applies when the variable is set but empty; {@code ${VAR}} with an unset or empty variable is an error
 * (a secret silently turning into "" is worse than a clear message). {@code $${} writes a literal {@code ${}.
 */
final class EnvSubstitution {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private EnvSubstitution() {
    }

    /** The substituted text, or the errors (each a message naming the variable, never its value). */
    record Result(String value, List<String> errors) {
        boolean ok() {
            return errors.isEmpty();
        }
    }

    static Result apply(String text, Map<String, String> env) {
        if (text.indexOf('$') < 0) {
            return new Result(text, List.of());
        }
        StringBuilder out = new StringBuilder(text.length());
        List<String> errors = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '$' && text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (c == '$' && text.startsWith("${", i)) {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    errors.add("unterminated \"${\" (write ${NAME} or ${NAME:-default}; $${ for a literal ${)");
                    return new Result(null, errors);
                }
                String inner = text.substring(i + 2, end);
                int sep = inner.indexOf(":-");
                String name = sep < 0 ? inner : inner.substring(0, sep);
                String def = sep < 0 ? null : inner.substring(sep + 2);
                if (!NAME.matcher(name).matches()) {
                    errors.add("invalid variable reference in \"${...}\" (names are letters, digits and _;"
                            + " a default is written ${NAME:-default})");
                } else {
                    String v = env.get(name);
                    if (v != null && !v.isEmpty()) {
                        out.append(v);
                    } else if (def != null) {
                        out.append(def);
                    } else {
                        errors.add("environment variable " + name + " is " + (v == null ? "not set" : "empty")
                                + " (set it, or write ${" + name + ":-default})" + typo(name, env));
                    }
                }
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return new Result(errors.isEmpty() ? out.toString() : null, errors);
    }

    /** "; did you mean X?" when a set, non-empty variable has a name close to {@code name} (never its value). */
    private static String typo(String name, Map<String, String> env) {
        List<String> set = env.entrySet().stream().filter(e -> e.getValue() != null && !e.getValue().isEmpty())
                .map(Map.Entry::getKey).filter(k -> !k.equals(name)).sorted().toList();
        String close = Suggest.closest(name, set);
        return close == null ? "" : "; did you mean " + close + "?";
    }
}
