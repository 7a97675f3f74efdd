package dev.freeport.catalog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Parsing of the catalog's capability and vendor entries, and layering of one catalog over another. */
final class CatalogEntries {

    private CatalogEntries() {
    }

    /** Capabilities of each price entry that has any ("context", "tools", "tier", ...), by provider and model. */
    static Map<String, Map<String, ModelInfo>> infos(JsonArray prices) {
        Map<String, Map<String, ModelInfo>> map = new LinkedHashMap<>();
        for (int i = 0; i < prices.size(); i++) {
            JsonObject n = prices.getJsonObject(i);
            if (!n.containsKey("context") && !n.containsKey("tier") && !n.containsKey("tools")) {
                continue;
            }
            String provider = n.getString("provider").toLowerCase(Locale.ROOT);
            String asOf = n.getString("asOf");
            String source = n.getString("capsSource", n.getString("source"));
            ModelInfo info = new ModelInfo(provider, n.getString("model"), n.getLong("context"),
                    n.getLong("maxOutput"), n.getBoolean("tools", false), n.getBoolean("vision", false),
                    n.getBoolean("json", false), n.getBoolean("reasoning", false),
                    n.getBoolean("openWeights", false), ModelInfo.Tier.parse(n.getString("tier")), source,
                    asOf == null ? null : LocalDate.parse(asOf));
            map.computeIfAbsent(provider, k -> new LinkedHashMap<>())
                    .putIfAbsent(PriceCatalog.canonical(info.model()), info);
        }
        return map;
    }

    /** The "vendors" array: provider → home country and hosting region. */
    static Map<String, VendorInfo> vendors(JsonObject root) {
        Map<String, VendorInfo> map = new LinkedHashMap<>();
        JsonArray arr = root.getJsonArray("vendors", new JsonArray());
        for (int i = 0; i < arr.size(); i++) {
            JsonObject n = arr.getJsonObject(i);
            String provider = n.getString("provider").toLowerCase(Locale.ROOT);
            String asOf = n.getString("asOf");
            map.put(provider, new VendorInfo(provider, n.getString("vendor", provider),
                    n.getString("homeCountry", "?"), n.getString("hostingRegion", "?"), n.getString("source"),
                    asOf == null ? null : LocalDate.parse(asOf), n.getString("note")));
        }
        return map;
    }

    /** {@code over} on top of {@code base}: same provider+model replaced in place, new ones appended. */
    static <T> Map<String, Map<String, T>> layer(Map<String, Map<String, T>> base, Map<String, Map<String, T>> over) {
        Map<String, Map<String, T>> out = new LinkedHashMap<>();
        base.forEach((p, m) -> out.put(p, new LinkedHashMap<>(m)));
        over.forEach((p, m) -> out.computeIfAbsent(p, k -> new LinkedHashMap<>()).putAll(m));
        return out;
    }

    static <T> Map<String, T> layerFlat(Map<String, T> base, Map<String, T> over) {
        Map<String, T> out = new LinkedHashMap<>(base);
        out.putAll(over);
        return out;
    }
}
