package dev.freeport.cli;

import dev.freeport.api.VendorNames;
import dev.freeport.catalog.PriceCatalog;
import dev.freeport.catalog.VendorInfo;
import dev.freeport.config.FreeportConfig;
import dev.freeport.config.Suggest;
import dev.freeport.route.assembly.RouteDescriptions;
import dev.freeport.route.drill.DrillRoute;
import dev.freeport.route.drill.DrillTarget;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Vendor names as the CLI shows and checks them. One rule everywhere: a target's vendor is the one routing gives
 * it (the provider's {@code vendor:}, else the catalog's vendor for its preset or type, {@code self} for
 * self-hosted presets and the sandbox), the name the kill switch, key rules and caps act on.
 */
final class KnownVendors {
    private KnownVendors() {
    }

    /** The vendor of each provider the config's aliases route to, by provider name. */
    static Map<String, String> byProvider(FreeportConfig cfg) {
        Map<String, String> out = new LinkedHashMap<>();
        for (DrillRoute r : RouteDescriptions.describe(cfg, PriceCatalog.bundled())) {
            for (DrillTarget t : r.targets()) {
                if (t.vendor() != null) {
                    out.putIfAbsent(t.provider(), t.vendor());
                }
            }
        }
        return out;
    }

    /** The vendors the config's aliases route to. */
    static SortedSet<String> ofConfig(FreeportConfig cfg) {
        return new TreeSet<>(byProvider(cfg).values());
    }

    /** The vendors any config could name without a {@code vendor:} override: the catalog's, and {@code self}. */
    static SortedSet<String> catalog() {
        SortedSet<String> out = new TreeSet<>();
        for (VendorInfo v : PriceCatalog.bundled().vendors()) {
            out.add(VendorNames.canonical(v.provider()));
        }
        out.add("self");
        return out;
    }

    /**
     * " (provider sandbox belongs to vendor self)" when {@code name} is one of the config's providers, else
     * " (did you mean \"x\"?)" when a known vendor is close to it, else "".
     */
    static String hint(String name, Collection<String> known, FreeportConfig cfg) {
        String vendor = cfg == null ? null : byProvider(cfg).get(name);
        if (vendor != null && !vendor.equals(name)) {
            return " (provider " + name + " belongs to vendor " + vendor + ")";
        }
        String close = Suggest.closest(name, known);
        return close == null ? "" : " (did you mean \"" + close + "\"?)";
    }
}
