package dev.freeport.access;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.config.RuleNames;
import dev.freeport.route.Trust;
import dev.freeport.route.VendorRules;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The admin API's vendor-rule fields of keys and teams: {@code allow_vendors}, {@code deny_vendors},
 * {@code allow_jurisdictions}, {@code deny_jurisdictions}, {@code allow_trust} (arrays of strings, or one
 * comma-separated string) and {@code data_class} (string or null). PATCH semantics as for the other fields: absent
 * keeps, null or [] clears. Vendors are normalised to lower case, jurisdictions to upper case, data classes to
 * lower case; every error is a 400 naming its field.
 */
final class RuleFields {
    static final Set<String> FIELDS = Set.of("allow_vendors", "deny_vendors", "allow_jurisdictions",
            "deny_jurisdictions", "allow_trust", "data_class");

    private static final String TRUST_LEVELS = Arrays.stream(Trust.values()).map(Trust::label)
            .collect(Collectors.joining(", "));

    private RuleFields() {
    }

    /** The key's rules and data class after applying {@code body}. */
    static VirtualKey applyToKey(JsonNode body, VirtualKey k) {
        return k.withRules(rules(body, k.rules()), dataClass(body, k.dataClass()));
    }

    /** The team's rules and data class after applying {@code body}. */
    static Team applyToTeam(JsonNode body, Team t) {
        return t.withRules(rules(body, t.rules()), dataClass(body, t.dataClass()));
    }

    static VendorRules rules(JsonNode body, VendorRules old) {
        Set<String> allowV = body.has("allow_vendors") ? vendors(body, "allow_vendors") : old.allowVendors();
        Set<String> denyV = body.has("deny_vendors") ? vendors(body, "deny_vendors") : old.denyVendors();
        Set<String> allowJ = body.has("allow_jurisdictions") ? jurisdictions(body, "allow_jurisdictions")
                : old.allowJurisdictions();
        Set<String> denyJ = body.has("deny_jurisdictions") ? jurisdictions(body, "deny_jurisdictions")
                : old.denyJurisdictions();
        Set<Trust> trust = body.has("allow_trust") ? trust(body) : old.allowTrust();
        conflict(body, "vendor", "allow_vendors", allowV, "deny_vendors", denyV);
        conflict(body, "jurisdiction", "allow_jurisdictions", allowJ, "deny_jurisdictions", denyJ);
        VendorRules r = new VendorRules(allowV, denyV, allowJ, denyJ, trust);
        return r.isEmpty() ? VendorRules.NONE : r;
    }

    static String dataClass(JsonNode body, String old) {
        if (!body.has("data_class")) {
            return old;
        }
        JsonNode n = body.get("data_class");
        if (n.isNull()) {
            return null;
        }
        String v = n.isTextual() ? RuleNames.dataClass(n.asText()) : null;
        if (v == null) {
            throw Specs.bad("data_class", "'" + (n.isTextual() ? n.asText() : n.toString()) + "' is not a data class;"
                    + " use 1 to 40 of a-z 0-9 _ - (e.g. confidential), or null for none");
        }
        return v;
    }

    private static Set<String> vendors(JsonNode body, String field) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : strings(body, field)) {
            String v = RuleNames.vendor(s);
            if (v == null) {
                throw Specs.bad(field, "'" + s + "' is not a vendor name; use 1 to 64 of a-z 0-9 . _ - "
                        + "(e.g. openai, anthropic, mistral)");
            }
            out.add(v);
        }
        return out;
    }

    private static Set<String> jurisdictions(JsonNode body, String field) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : strings(body, field)) {
            String v = RuleNames.jurisdiction(s);
            if (v == null) {
                throw Specs.bad(field, "'" + s + "' is not a jurisdiction; use a two-letter country code "
                        + "(ISO 3166, e.g. DE, US) or EU");
            }
            out.add(v);
        }
        return out;
    }

    private static Set<Trust> trust(JsonNode body) {
        Set<Trust> out = new LinkedHashSet<>();
        for (String s : strings(body, "allow_trust")) {
            Trust t = Trust.parse(s);
            if (t == null) {
                throw Specs.bad("allow_trust", "'" + s + "' is not a trust level; valid levels: " + TRUST_LEVELS);
            }
            out.add(t);
        }
        return out;
    }

    private static void conflict(JsonNode body, String what, String allowField, Set<String> allow, String denyField,
                                 Set<String> deny) {
        Set<String> both = allow.stream().filter(deny::contains).collect(Collectors.toCollection(java.util.TreeSet::new));
        if (!both.isEmpty()) {
            String field = body.has(denyField) ? denyField : allowField;
            throw Specs.bad(field, what + " " + String.join(", ", both) + " is both allowed and denied; "
                    + "remove it from " + allowField + " or " + denyField);
        }
    }

    /** An array of strings, one comma-separated string, or null (= empty); blank entries are skipped. */
    private static Set<String> strings(JsonNode body, String field) {
        JsonNode n = body.get(field);
        Set<String> out = new LinkedHashSet<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (n.isTextual()) {
            for (String s : n.asText().split(",")) {
                if (!s.isBlank()) {
                    out.add(s.strip());
                }
            }
            return out;
        }
        if (!n.isArray()) {
            throw Specs.bad(field, "expected an array of strings");
        }
        for (JsonNode x : n) {
            if (!x.isTextual()) {
                throw Specs.bad(field, "expected an array of strings, found " + x);
            }
            if (!x.asText().isBlank()) {
                out.add(x.asText().strip());
            }
        }
        return out;
    }
}
