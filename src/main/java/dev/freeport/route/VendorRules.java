package dev.freeport.route;

import dev.freeport.api.VendorNames;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which targets a caller (key, team) or a data class may reach, by vendor, jurisdiction and trust level. Empty
 * allow sets allow everything; deny sets win over allow sets.
 *
 * <p>Jurisdiction codes are ISO 3166 alpha-2 country codes, or "EU" (any EU member). A target is in an allowed
 * jurisdiction only when both its vendor's home country and its hosting region are allowed (a US company hosting
 * in Frankfurt is not "DE only"); it is in a denied jurisdiction when either is denied. An unknown home country
 * or region never satisfies an allow list.
 */
public record VendorRules(Set<String> allowVendors, Set<String> denyVendors, Set<String> allowJurisdictions,
                          Set<String> denyJurisdictions, Set<Trust> allowTrust) {

    public static final VendorRules NONE = new VendorRules(Set.of(), Set.of(), Set.of(), Set.of(), Set.of());

    private static final Set<String> EU = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE",
            "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE");

    public VendorRules {
        allowVendors = lower(allowVendors);
        denyVendors = lower(denyVendors);
        allowJurisdictions = upper(allowJurisdictions);
        denyJurisdictions = upper(denyJurisdictions);
        allowTrust = allowTrust == null ? Set.of() : Set.copyOf(allowTrust);
    }

    public boolean isEmpty() {
        return allowVendors.isEmpty() && denyVendors.isEmpty() && allowJurisdictions.isEmpty()
                && denyJurisdictions.isEmpty() && allowTrust.isEmpty();
    }

    /** Null when the target may be used; otherwise why not, e.g. "vendor deepseek is denied". */
    public String refuses(TargetProfile p) {
        if (denyVendors.contains(p.vendor())) {
            return "vendor " + p.vendor() + " is denied";
        }
        if (!allowVendors.isEmpty() && !allowVendors.contains(p.vendor())) {
            return "vendor " + p.vendor() + " is not in the allowed vendors " + sorted(allowVendors);
        }
        if (denied(p.homeCountry()) || denied(p.hostingRegion())) {
            return "jurisdiction " + p.jurisdiction() + " is denied (" + sorted(denyJurisdictions) + ")";
        }
        if (!allowJurisdictions.isEmpty() && !(p.homeCountry() != null && matchesAny(p.homeCountry(),
                allowJurisdictions) && p.hostingRegion() != null && matchesAny(p.hostingRegion(),
                allowJurisdictions))) {
            return "jurisdiction " + p.jurisdiction() + " is outside " + sorted(allowJurisdictions);
        }
        if (!allowTrust.isEmpty() && (p.trust() == null || !allowTrust.contains(p.trust()))) {
            return "trust level " + (p.trust() == null ? "unknown" : p.trust().label()) + " is not in "
                    + allowTrust.stream().map(Trust::label).sorted().toList();
        }
        return null;
    }

    /** Whether a target's home country or hosting region {@code code} (null: unknown) is in a denied jurisdiction. */
    private boolean denied(String code) {
        return code != null && !denyJurisdictions.isEmpty() && matchesAny(code, denyJurisdictions);
    }

    /** Whether a country or region code falls under one of these codes ("DE" under "EU"; "EU" under "EU"). */
    static boolean matchesAny(String code, Set<String> codes) {
        String c = code.toUpperCase(Locale.ROOT);
        return codes.contains(c) || codes.contains("EU") && EU.contains(c);
    }

    private static String sorted(Set<String> s) {
        return s.stream().sorted().collect(Collectors.joining(", ", "[", "]"));
    }

    /** Lower case, with the catalog's aliases resolved (gemini → google, kimi → moonshot, dashscope → qwen). */
    private static Set<String> lower(Set<String> s) {
        return s == null ? Set.of() : s.stream().map(x -> VendorNames.canonical(
                x.strip())).collect(Collectors.toUnmodifiableSet());
    }

    private static Set<String> upper(Set<String> s) {
        return s == null ? Set.of() : s.stream().map(x -> x.strip().toUpperCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }
}
