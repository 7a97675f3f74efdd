package dev.freeport.config;

import dev.freeport.config.YamlTree.ListNode;
import dev.freeport.config.YamlTree.Node;
import dev.freeport.config.YamlTree.Scalar;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code routing:} section (data classes, concentration caps, exploration) and the routing fields of
 * providers ({@code vendor, jurisdiction, region, trust}) and targets ({@code role, capabilities}).
 */
final class RoutingReader {
    static final Set<String> ROUTING_KEYS = ConfigLoader.keys("data_classes", "default_data_class",
            "concentration_caps", "exploration");
    static final Set<String> DATA_CLASS_KEYS = ConfigLoader.keys("allow_vendors", "deny_vendors",
            "allow_jurisdictions", "deny_jurisdictions", "allow_trust", "capture");
    static final Set<String> CAP_KEYS = ConfigLoader.keys("vendor", "max_share", "measure", "window",
            "min_requests");
    static final Set<String> CAPABILITY_KEYS = ConfigLoader.keys("context_window", "tools", "vision", "json",
            "reasoning");
    static final List<String> TRUST = List.of("self-hosted", "contracted", "public");

    private RoutingReader() {
    }

    static RoutingConfig read(Section s) {
        Map<String, RoutingConfig.DataClassConfig> classes = new LinkedHashMap<>();
        Section dc = s.section("data_classes", null);
        for (YamlTree.Entry e : dc.entries()) {
            String name = RuleNames.dataClass(e.key());
            Section c = Section.of(s.ctx, Paths.key(dc.path, e.key()), e.value(), e.keyLoc(), DATA_CLASS_KEYS);
            if (name == null) {
                s.ctx.problem(c.path, e.keyLoc(), "a data class name is 1-40 of a-z, 0-9, '_' and '-'");
                continue;
            }
            if (c.wrongKind()) {
                continue;
            }
            classes.put(name, new RoutingConfig.DataClassConfig(name, vendors(c, "allow_vendors"),
                    vendors(c, "deny_vendors"), jurisdictions(c, "allow_jurisdictions"),
                    jurisdictions(c, "deny_jurisdictions"), trust(c, "allow_trust"), c.bool("capture", true)));
        }
        String def = s.str("default_data_class", null);
        if (def != null) {
            def = def.strip().toLowerCase(Locale.ROOT);
            if (!classes.containsKey(def)) {
                s.problem("default_data_class", "unknown data class \"" + def + "\" (defined under"
                        + " routing.data_classes: " + (classes.isEmpty() ? "none" : String.join(", ",
                        classes.keySet())) + ")" + Suggest.hint(def, classes.keySet()));
                def = null;
            }
        }
        List<RoutingConfig.CapConfig> caps = new ArrayList<>();
        List<Node> items = s.list("concentration_caps");
        for (int i = 0; i < items.size(); i++) {
            Section c = Section.of(s.ctx, Paths.index(s.pathOf("concentration_caps"), i), items.get(i),
                    items.get(i).loc(), CAP_KEYS);
            if (c.wrongKind()) {
                continue;
            }
            String vendor = c.required("vendor", "a vendor name, or \"*\" for each vendor");
            double share = c.number("max_share", Double.NaN, 0, true, 1);
            if (!c.has("max_share")) {
                c.ctx.problem(c.pathOf("max_share"), c.loc, "is required (the vendor's maximum share, e.g. 0.5)");
            }
            String measure = c.choice("measure", "spend", List.of("spend", "tokens"));
            Duration window = c.duration("window", Duration.ofHours(1), false);
            int minRequests = c.integer("min_requests", 20, 0, 1_000_000);
            if (vendor != null) {
                vendor = vendor.strip().equals("*") ? "*" : RuleNames.vendor(vendor);
                if (vendor == null) {
                    c.problem("vendor", "a vendor name is 1-64 of a-z, 0-9, '.', '_' and '-', or \"*\"");
                }
            }
            if (vendor != null && !Double.isNaN(share) && measure != null) {
                caps.add(new RoutingConfig.CapConfig(vendor, share, measure, window, minRequests));
            }
        }
        double exploration = s.number("exploration", RoutingConfig.DEFAULT_EXPLORATION, 0, false, 0.5);
        return new RoutingConfig(classes, def, caps, exploration);
    }

    /** A provider's {@code vendor, jurisdiction, region, trust}; null when none is written. */
    static Placement placement(Section p) {
        return placement(p, true);
    }

    /** As {@link #placement(Section)}; without {@code withRegion} (cloud types) region is the cloud's, not read here. */
    static Placement placement(Section p, boolean withRegion) {
        boolean region = withRegion && p.has("region");
        if (!p.has("vendor") && !p.has("jurisdiction") && !region && !p.has("trust")) {
            return null;
        }
        String vendor = p.str("vendor", null);
        if (vendor != null) {
            vendor = RuleNames.vendor(vendor);
            if (vendor == null) {
                p.problem("vendor", "a vendor name is 1-64 of a-z, 0-9, '.', '_' and '-'");
            }
        }
        return new Placement(vendor, code(p, "jurisdiction", false), region ? code(p, "region", true) : null,
                p.choice("trust", null, TRUST));
    }

    /** A target's {@code capabilities:}; null when absent. */
    static CapabilitiesConfig capabilities(Section t) {
        if (!t.has("capabilities")) {
            return null;
        }
        Section c = t.section("capabilities", CAPABILITY_KEYS);
        Long window = c.has("context_window") ? c.longValue("context_window", 0) : null;
        if (window != null && window <= 0) {
            c.problem("context_window", "must be a positive number of tokens");
            window = null;
        }
        return new CapabilitiesConfig(window, bool(c, "tools"), bool(c, "vision"), bool(c, "json"),
                bool(c, "reasoning"));
    }

    private static Boolean bool(Section c, String key) {
        String v = c.str(key, null);
        if (v == null) {
            return null;
        }
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> {
                c.problem(key, "must be true or false, got \"" + v + "\"");
                yield null;
            }
        };
    }

    private static String code(Section p, String key, boolean euAllowed) {
        String v = p.str(key, null);
        if (v == null) {
            return null;
        }
        String up = RuleNames.jurisdiction(v);
        if (up != null && (euAllowed || !up.equals("EU"))) {
            return up;
        }
        p.problem(key, "must be a two-letter ISO 3166 country code" + (euAllowed ? " or EU" : "")
                + ", got \"" + v + "\"");
        return null;
    }

    private static Set<String> vendors(Section c, String key) {
        Set<String> out = new LinkedHashSet<>();
        for (String v : strings(c, key)) {
            String low = RuleNames.vendor(v);
            if (low == null) {
                c.problem(key, "\"" + v + "\" is not a vendor name (a-z, 0-9, '.', '_' and '-')");
            } else {
                out.add(low);
            }
        }
        return out;
    }

    private static Set<String> jurisdictions(Section c, String key) {
        Set<String> out = new LinkedHashSet<>();
        for (String v : strings(c, key)) {
            String up = RuleNames.jurisdiction(v);
            if (up == null) {
                c.problem(key, "\"" + v + "\" is not a two-letter country code or EU");
            } else {
                out.add(up);
            }
        }
        return out;
    }

    private static Set<String> trust(Section c, String key) {
        Set<String> out = new LinkedHashSet<>();
        for (String v : strings(c, key)) {
            String low = v.toLowerCase(Locale.ROOT);
            if (!TRUST.contains(low)) {
                c.problem(key, "unknown trust level \"" + v + "\" (known: " + String.join(", ", TRUST) + ")"
                        + Suggest.hint(low, TRUST));
            } else {
                out.add(low);
            }
        }
        return out;
    }

    /** A list of strings, or one string (a one-element list). */
    static List<String> strings(Section c, String key) {
        Node n = c.node(key);
        if (n == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (n instanceof Scalar s) {
            String v = c.ctx.text(c.pathOf(key), s);
            if (v != null && !v.isBlank()) {
                out.add(v.strip());
            }
            return out;
        }
        if (!(n instanceof ListNode l)) {
            c.problem(key, "must be a list of names");
            return out;
        }
        for (int i = 0; i < l.items().size(); i++) {
            String v = c.ctx.text(Paths.index(c.pathOf(key), i), l.items().get(i));
            if (v != null && !v.isBlank()) {
                out.add(v.strip());
            }
        }
        return out;
    }
}
