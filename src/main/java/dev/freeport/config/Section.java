package dev.freeport.config;

import dev.freeport.config.YamlTree.Entry;
import dev.freeport.config.YamlTree.ListNode;
import dev.freeport.config.YamlTree.Loc;
import dev.freeport.config.YamlTree.MapNode;
import dev.freeport.config.YamlTree.Node;
import dev.freeport.config.YamlTree.Scalar;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A mapping of the config file being read: typed getters that substitute ${ENV}, record a problem (with path and
 * location) instead of throwing, and fall back to a default so reading goes on and every problem is found.
 */
final class Section {

    /** Shared state of one load: the environment and the problems found so far. */
    static final class Ctx {
        final Map<String, String> env;
        final List<ConfigProblem> problems = new ArrayList<>();

        Ctx(Map<String, String> env) {
            this.env = env;
        }

        void problem(String path, Loc loc, String message) {
            problems.add(new ConfigProblem(path, loc.line(), loc.column(), message));
        }

        /** A value quoted for a message, or a placeholder when the field holds a secret. */
        static String show(String path, String value) {
            return Paths.isSecret(path) ? "(value hidden)" : "\"" + value + "\"";
        }

        /** A scalar's text after ${ENV} substitution; null (with a problem) when not a scalar or a variable is missing. */
        String text(String path, Node node) {
            if (node instanceof YamlTree.Invalid) {
                return null;
            }
            if (!(node instanceof Scalar s)) {
                problem(path, node.loc(), "must be a single value, not a " + kind(node));
                return null;
            }
            EnvSubstitution.Result r = EnvSubstitution.apply(s.text(), env);
            r.errors().forEach(e -> problem(path, s.loc(), e));
            return r.value();
        }

        /** Parses a scalar with {@code parse}; an IllegalArgumentException becomes a problem (value hidden if secret). */
        <T> T value(String path, Node node, Function<String, T> parse) {
            String t = text(path, node);
            if (t == null) {
                return null;
            }
            try {
                return parse.apply(t);
            } catch (IllegalArgumentException e) {
                String msg = e.getMessage();
                if (Paths.isSecret(path)) {
                    msg = "invalid value " + show(path, t);
                }
                problem(path, node.loc(), msg);
                return null;
            }
        }

        static String kind(Node n) {
            return switch (n) {
                case MapNode m -> "mapping";
                case ListNode l -> "list";
                case Scalar s -> "single value";
                case YamlTree.Invalid i -> "invalid value";
            };
        }
    }

    final Ctx ctx;
    final String path;
    final Loc loc;
    private final Map<String, Entry> entries;
    private final boolean wrongKind;

    private Section(Ctx ctx, String path, Loc loc, Map<String, Entry> entries, boolean wrongKind) {
        this.ctx = ctx;
        this.path = path;
        this.loc = loc;
        this.entries = entries;
        this.wrongKind = wrongKind;
    }

    /** True when the node was not a mapping (already reported): callers skip further checks on it. */
    boolean wrongKind() {
        return wrongKind;
    }

    /**
     * Reads {@code node} as a mapping whose keys must be among {@code allowed}: anything else is a problem with a
     * "did you mean". A missing or null node is an empty section; a node of another kind is a problem.
     */
    static Section of(Ctx ctx, String path, Node node, Loc fallback, Set<String> allowed) {
        if (node == null || node instanceof Scalar s && s.isNull()) {
            return new Section(ctx, path, fallback, Map.of(), false);
        }
        if (node instanceof YamlTree.Invalid) {
            return new Section(ctx, path, node.loc(), Map.of(), true);
        }
        if (!(node instanceof MapNode m)) {
            ctx.problem(path, node.loc(), "must be a mapping (key: value), not a " + Ctx.kind(node));
            return new Section(ctx, path, node.loc(), Map.of(), true);
        }
        Map<String, Entry> kept = new LinkedHashMap<>();
        for (Entry e : m.entries().values()) {
            if (allowed == null || allowed.contains(e.key())) {
                kept.put(e.key(), e);
            } else {
                ctx.problem(Paths.key(path, e.key()), e.keyLoc(), "unknown key \"" + e.key() + "\""
                        + hintOrList(e.key(), allowed));
            }
        }
        return new Section(ctx, path, m.loc(), kept, false);
    }

    private static String hintOrList(String key, Set<String> allowed) {
        String hint = Suggest.hint(key, allowed);
        return hint.isEmpty() ? " (expected one of: " + String.join(", ", allowed) + ")" : hint;
    }

    /** The entries as written (for maps keyed by name). */
    List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    boolean has(String key) {
        return node(key) != null;
    }

    /** The value node, or null when absent or YAML null. */
    Node node(String key) {
        Entry e = entries.get(key);
        if (e == null || e.value() instanceof Scalar s && s.isNull()) {
            return null;
        }
        return e.value();
    }

    /** Where the value of {@code key} is written, else where this section is. */
    Loc locOf(String key) {
        Node n = node(key);
        return n != null ? n.loc() : entries.containsKey(key) ? entries.get(key).keyLoc() : loc;
    }

    String pathOf(String key) {
        return Paths.key(path, key);
    }

    Section section(String key, Set<String> allowed) {
        return of(ctx, pathOf(key), node(key), locOf(key), allowed);
    }

    void problem(String key, String message) {
        ctx.problem(pathOf(key), locOf(key), message);
    }

    String str(String key, String def) {
        Node n = node(key);
        if (n == null) {
            return def;
        }
        String v = ctx.text(pathOf(key), n);
        return v == null ? def : v;
    }

    /** A string that must be present and not blank. */
    String required(String key, String what) {
        String v = str(key, null);
        if (v == null && node(key) == null) {
            ctx.problem(pathOf(key), loc, "is required (" + what + ")");
        } else if (v != null && v.isBlank()) {
            problem(key, "must not be empty (" + what + ")");
            return null;
        }
        return v;
    }

    int integer(String key, int def, int min, int max) {
        Node n = node(key);
        if (n == null) {
            return def;
        }
        Long v = ctx.value(pathOf(key), n, t -> {
            try {
                return Long.parseLong(t.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be a whole number, got \"" + t + "\"");
            }
        });
        if (v == null) {
            return def;
        }
        if (v < min || v > max) {
            problem(key, "must be between " + min + " and " + max + ", got " + v);
            return def;
        }
        return v.intValue();
    }

    long longValue(String key, long def) {
        Node n = node(key);
        if (n == null) {
            return def;
        }
        Long v = ctx.value(pathOf(key), n, t -> {
            try {
                return Long.parseLong(t.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be a whole number, got \"" + t + "\"");
            }
        });
        return v == null ? def : v;
    }

    /** A finite number within [min, max]; {@code minExclusive} makes min itself invalid. */
    double number(String key, double def, double min, boolean minExclusive, double max) {
        Node n = node(key);
        if (n == null) {
            return def;
        }
        Double v = ctx.value(pathOf(key), n, t -> {
            String x = t.strip();
            if (x.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                return Double.parseDouble(x);
            }
            throw new IllegalArgumentException("must be a number, got \"" + t + "\"");
        });
        if (v == null) {
            return def;
        }
        if (v < min || minExclusive && v == min || v > max) {
            String range = minExclusive ? "greater than " + fmt(min) + " and at most " + fmt(max)
                    : "between " + fmt(min) + " and " + fmt(max);
            problem(key, "must be " + range + ", got " + fmt(v));
            return def;
        }
        return v;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    Duration duration(String key, Duration def, boolean allowZero) {
        Node n = node(key);
        if (n == null) {
            return def;
        }
        Duration d = ctx.value(pathOf(key), n, t -> ConfigUnits.parseDuration(t, allowZero));
        return d == null ? def : d;
    }

    long size(String key, long def) {
        Node n = node(key);
        if (n == null) {
            return def;
        }
        Long v = ctx.value(pathOf(key), n, ConfigUnits::parseSize);
        return v == null ? def : v;
    }

    BigDecimal money(String key) {
        Node n = node(key);
        return n == null ? null : ctx.value(pathOf(key), n, ConfigUnits::parseMoney);
    }

    /** One of {@code choices} (case-insensitive, returned lower-case); a problem with a suggestion otherwise. */
    String choice(String key, String def, List<String> choices) {
        String v = str(key, null);
        if (v == null) {
            return def;
        }
        String lower = v.strip().toLowerCase(java.util.Locale.ROOT);
        if (choices.contains(lower)) {
            return lower;
        }
        problem(key, "unknown " + key.replace('_', ' ') + " " + Ctx.show(pathOf(key), v) + " (known: "
                + String.join(", ", choices) + ")" + Suggest.hint(lower, choices));
        return null;
    }

    /** true/false (also yes/no, on/off); {@code def} when absent, a problem for anything else. */
    boolean bool(String key, boolean def) {
        String v = str(key, null);
        if (v == null) {
            return def;
        }
        return switch (v.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> {
                problem(key, "must be true or false, got " + Ctx.show(pathOf(key), v));
                yield def;
            }
        };
    }

    /** The list under {@code key}; absent or null is empty, a non-list is a problem. */
    List<Node> list(String key) {
        Node n = node(key);
        if (n == null) {
            return List.of();
        }
        if (n instanceof ListNode l) {
            return l.items();
        }
        if (n instanceof YamlTree.Invalid) {
            return List.of();
        }
        problem(key, "must be a list, not a " + Ctx.kind(n));
        return List.of();
    }
}
