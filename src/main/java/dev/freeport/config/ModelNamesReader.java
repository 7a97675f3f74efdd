package dev.freeport.config;

import dev.freeport.config.YamlTree.Node;
import dev.freeport.config.YamlTree.Scalar;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The model names agents send, as one {@code models:} entry declares them: {@code match:} patterns, {@code default:
 * true}, and provider wildcards ({@code name: "deepseek/*"}). One reader per {@code models:} list: a pattern used by
 * two aliases and a second default are problems that name the first one's line.
 */
final class ModelNamesReader {
    /** A pattern: letters, digits and {@code . _ - / : @ *}, up to 200 characters. */
    private static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9._\\-/:@*]{1,200}");
    private static final Pattern WILDCARD = Pattern.compile("[^*\\s]+/\\*");

    private final Map<String, Integer> patterns = new HashMap<>();
    private Integer defaultLine;

    /** The entry's {@code match:} patterns (a list, or one pattern), validated. */
    List<String> match(Section m, String name) {
        Node node = m.node("match");
        if (node == null) {
            return List.of();
        }
        List<Node> items = node instanceof Scalar s && !s.isNull() ? List.of(node) : m.list("match");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String path = node instanceof Scalar ? m.pathOf("match") : Paths.index(m.pathOf("match"), i);
            Node item = items.get(i);
            String p = m.ctx.text(path, item);
            if (p == null) {
                continue;
            }
            p = p.strip();
            if (!PATTERN.matcher(p).matches()) {
                m.ctx.problem(path, item.loc(), "a model name pattern is 1 to 200 of letters, digits and . _ - / : @,"
                        + " with * for any characters (e.g. \"claude-*-haiku-*\"), got \"" + p + "\"");
                continue;
            }
            Integer first = patterns.putIfAbsent(p.toLowerCase(Locale.ROOT), item.loc().line());
            if (first != null) {
                m.ctx.problem(path, item.loc(), "the pattern \"" + p + "\" is already used (line " + first
                        + "): a name goes to the first alias whose pattern matches, so this one would never be used");
                continue;
            }
            out.add(p);
        }
        if (name != null && name.endsWith(ModelConfig.WILDCARD_SUFFIX) && !out.isEmpty()) {
            m.problem("match", "a provider wildcard (\"" + name + "\") takes no match: patterns; give them to an"
                    + " alias with fixed targets");
        }
        return List.copyOf(out);
    }

    /** {@code default: true|false}; a second default alias is a problem. */
    boolean isDefault(Section m) {
        String v = m.str("default", null);
        if (v == null) {
            return false;
        }
        boolean d = switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> {
                m.problem("default", "must be true or false, got \"" + v + "\"");
                yield false;
            }
        };
        if (d) {
            int line = m.locOf("default").line();
            if (defaultLine != null) {
                m.problem("default", "only one alias can be the default (line " + defaultLine + " already is)");
                return false;
            }
            defaultLine = line;
        }
        return d;
    }

    /**
     * A name with {@code *} must be a provider wildcard ({@code prefix/*}); a target model with {@code *} only
     * belongs to one (the {@code *} takes the rest of the requested name, once), and a wildcard cannot be routed by
     * complexity (its targets' models are not known).
     */
    void checkWildcard(Section m, String name, String strategy, List<TargetConfig> targets) {
        boolean wildcard = name.endsWith(ModelConfig.WILDCARD_SUFFIX);
        if (name.contains("*") && !WILDCARD.matcher(name).matches()) {
            m.problem("name", "a model name with * must be a provider wildcard such as \"deepseek/*\" (any"
                    + " deepseek/<model>); for other names use match: patterns, got \"" + name + "\"");
            return;
        }
        if (wildcard && "complexity".equals(strategy)) {
            m.problem("strategy", "a provider wildcard cannot use strategy complexity (its targets' models are"
                    + " whatever the caller names)");
        }
        for (int i = 0; i < targets.size(); i++) {
            String model = targets.get(i).model();
            int stars = model.length() - model.replace("*", "").length();
            if (stars > 0 && !wildcard) {
                m.problem("targets", "targets[" + i + "] model \"" + model + "\" has a *, which only a provider"
                        + " wildcard (a name like \"deepseek/*\") fills in");
            } else if (stars > 1) {
                m.problem("targets", "targets[" + i + "] model \"" + model + "\" may have one * (the rest of the"
                        + " requested name), not " + stars);
            }
        }
    }
}
