package dev.freeport.route;

import dev.freeport.config.ModelConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Which alias a requested model name resolves to (docs/CONFIG.md, "Model names agents send"): the exact alias first,
 * then the {@code match:} patterns in config order (aliases in order, each alias's patterns in order), then provider
 * wildcards ({@code deepseek/*}, the longest prefix first), then the default alias. Patterns are case-insensitive
 * globs where {@code *} is any run of characters. Immutable; built with the runtime from the config.
 */
public final class ModelNames {

    /** How a name was resolved. */
    public enum Kind { EXACT, PATTERN, WILDCARD, DEFAULT }

    /**
     * @param alias the alias (for a wildcard: its name, e.g. {@code deepseek/*})
     * @param rule  the pattern or wildcard that matched, or null (exact, default)
     * @param rest  for a wildcard: the part of the requested name after its prefix; null otherwise
     */
    public record Match(String alias, Kind kind, String rule, String rest) {
        /** For a response header: "exact", "pattern claude-*", "wildcard deepseek/*", "default". */
        public String describe() {
            return kind.name().toLowerCase(Locale.ROOT) + (rule == null ? "" : " " + rule);
        }
    }

    private record Rule(String alias, String pattern, Pattern regex) {
    }

    /** What a wildcard passes on as a model name: no path tricks (it can end up in an upstream URL). */
    private static final Pattern SAFE_REST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-/:@+]{0,199}");

    private final List<Rule> patterns;
    private final List<ModelConfig> wildcards;
    private final String defaultAlias;

    private ModelNames(List<Rule> patterns, List<ModelConfig> wildcards, String defaultAlias) {
        this.patterns = patterns;
        this.wildcards = wildcards;
        this.defaultAlias = defaultAlias;
    }

    public static ModelNames of(List<ModelConfig> models) {
        List<Rule> patterns = new ArrayList<>();
        List<ModelConfig> wildcards = new ArrayList<>();
        String defaultAlias = null;
        for (ModelConfig m : models) {
            for (String p : m.match()) {
                patterns.add(new Rule(m.name(), p, glob(p)));
            }
            if (m.wildcard()) {
                wildcards.add(m);
            }
            if (m.isDefault() && defaultAlias == null) {
                defaultAlias = m.name();
            }
        }
        wildcards.sort((a, b) -> Integer.compare(b.name().length(), a.name().length()));
        return new ModelNames(List.copyOf(patterns), List.copyOf(wildcards), defaultAlias);
    }

    /** A case-insensitive regular expression for a glob in which only {@code *} is special. */
    static Pattern glob(String pattern) {
        StringBuilder re = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (!re.isEmpty()) {
                re.append(".*");
            }
            if (!part.isEmpty()) {
                re.append(Pattern.quote(part));
            }
        }
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }

    /**
     * The alias {@code requested} resolves to, or null when nothing takes it.
     *
     * @param exact whether an alias of exactly this name exists
     */
    public Match resolve(String requested, Predicate<String> exact) {
        if (requested == null) {
            return null;
        }
        if (exact.test(requested)) {
            return new Match(requested, Kind.EXACT, null, null);
        }
        for (Rule r : patterns) {
            if (r.regex().matcher(requested).matches()) {
                return new Match(r.alias(), Kind.PATTERN, r.pattern(), null);
            }
        }
        for (ModelConfig w : wildcards) {
            String prefix = w.name().substring(0, w.name().length() - 1);   // "deepseek/"
            if (requested.length() > prefix.length() && requested.startsWith(prefix)) {
                String rest = requested.substring(prefix.length());
                if (SAFE_REST.matcher(rest).matches() && !rest.contains("..") && !rest.contains("//")) {
                    return new Match(w.name(), Kind.WILDCARD, w.name(), rest);
                }
            }
        }
        return defaultAlias == null ? null : new Match(defaultAlias, Kind.DEFAULT, null, null);
    }

    /** Each alias's patterns, in config order. */
    public List<String> patternsOf(String alias) {
        return patterns.stream().filter(r -> r.alias().equals(alias)).map(Rule::pattern).toList();
    }

    /** The default alias, or null. */
    public String defaultAlias() {
        return defaultAlias;
    }

    /** The provider wildcards' configs. */
    public List<ModelConfig> wildcards() {
        return wildcards;
    }
}
