package dev.freeport.route;

import dev.freeport.config.RoutingConfig;
import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The configured data classes ({@code routing.data_classes}) and how a request gets its class: the
 * {@code x-freeport-data-class} header, the caller's key (or team) default, else {@code routing.default_data_class}.
 * A header can only add restrictions: when the key has a default class too, the target must satisfy both (a key
 * whose traffic is confidential cannot be downgraded by a header).
 */
public final class DataClasses {
    public static final String HEADER = "x-freeport-data-class";

    private final Map<String, VendorRules> classes;
    private final String defaultClass;
    /** each class alone as a request's classes, made once */
    private final Map<String, Resolved> single;

    private DataClasses(Map<String, VendorRules> classes, String defaultClass) {
        this.classes = classes;
        this.defaultClass = defaultClass;
        Map<String, Resolved> one = new LinkedHashMap<>();
        classes.keySet().forEach(name -> one.put(name, one(name)));
        this.single = Map.copyOf(one);
    }

    public static DataClasses of(RoutingConfig cfg) {
        Map<String, VendorRules> m = new LinkedHashMap<>();
        cfg.dataClasses().forEach((name, c) -> m.put(name, new VendorRules(c.allowVendors(), c.denyVendors(),
                c.allowJurisdictions(), c.denyJurisdictions(), c.allowTrust().stream().map(Trust::parse)
                .collect(Collectors.toSet()))));
        return new DataClasses(Map.copyOf(m), cfg.defaultDataClass());
    }

    /** A request's classes and their combined rule. */
    public record Resolved(String label, Function<TargetProfile, String> refuses) {
        public static final Resolved NONE = new Resolved(null, p -> null);
    }

    /**
     * The classes of a request with this header value (or null) from a caller with this default (or null).
     * An unknown class named in the header is a 400; an unknown key default (the config changed) a 403, so that
     * confidential traffic never flows unrestricted because a class was renamed.
     */
    public Resolved resolve(String header, String keyDefault) {
        String named = null;
        if (header != null && !header.isBlank()) {
            named = header.strip().toLowerCase(Locale.ROOT);
            if (!classes.containsKey(named)) {
                String shown = header.strip().length() > 64 ? header.strip().substring(0, 64) + "..." : header.strip();
                throw new GatewayError(ErrorKind.INVALID_REQUEST, 400, "Unknown data class '" + shown
                        + "' in " + HEADER + " (configured: " + known() + ").", HEADER, "unknown_data_class", null)
                        .toException();
            }
        }
        String fallback = keyDefault != null ? keyDefault : named == null ? defaultClass : null;
        if (fallback != null && fallback.equals(named)) {
            fallback = null;
        }
        if (fallback != null && !classes.containsKey(fallback)) {
            throw new GatewayError(ErrorKind.PERMISSION, 403, "This key's data class '" + fallback + "' is not"
                    + " configured under routing.data_classes (configured: " + known() + "); nothing was sent.",
                    null, "unknown_data_class", null).toException();
        }
        if (named == null || fallback == null) { // none or one class (most requests): made with the config
            String only = named != null ? named : fallback;
            return only == null ? Resolved.NONE : single.get(only);
        }
        return both(named, fallback);
    }

    /** The one class {@code name} as a request's classes. */
    private Resolved one(String name) {
        VendorRules rules = classes.get(name);
        return new Resolved(name, p -> {
            String why = rules.refuses(p);
            return why == null ? null : "data class " + name + ": " + why;
        });
    }

    /** A header's class and the caller's default, both to be satisfied (the header's is checked first). */
    private Resolved both(String named, String fallback) {
        List<String> names = List.of(named, fallback);
        List<VendorRules> rules = names.stream().map(classes::get).toList();
        return new Resolved(String.join("+", names), p -> {
            for (int i = 0; i < rules.size(); i++) {
                String why = rules.get(i).refuses(p);
                if (why != null) {
                    return "data class " + names.get(i) + ": " + why;
                }
            }
            return null;
        });
    }

    private String known() {
        return classes.isEmpty() ? "none" : String.join(", ", classes.keySet().stream().sorted().toList());
    }
}
