package dev.freeport.catalog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the catalog format into its maps. An entry is one of: a priced model (has {@code "input"}); a model with
 * capabilities only (no {@code "input"}: its cost is unknown, never zero); or an alias ({@code "aliasOf"}): a
 * deprecated or legacy name that the vendor serves with another model and bills at that model's price. Only USD
 * entries become {@link ModelPrice}s (the legacy, currency-less price record); every priced entry gets a
 * {@link PriceSheet}.
 */
final class CatalogParser {

    /** The parsed maps: provider → canonical model → value, in file order. */
    record Parsed(Map<String, Map<String, ModelPrice>> prices, Map<String, Map<String, ModelInfo>> infos,
                  Map<String, VendorInfo> vendors, Map<String, Map<String, PriceSheet>> sheets) {
    }

    private CatalogParser() {
    }

    static Parsed parse(JsonObject root) {
        JsonArray entries = root.getJsonArray("prices", new JsonArray());
        Map<String, Map<String, ModelPrice>> prices = new LinkedHashMap<>();
        Map<String, Map<String, PriceSheet>> sheets = new LinkedHashMap<>();
        List<JsonObject> aliases = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonObject n = entries.getJsonObject(i);
            if (n.containsKey("aliasOf")) {
                aliases.add(n);
                continue;
            }
            if (n.getValue("input") == null) {
                continue;
            }
            PriceSheet sheet = CatalogRules.sheet(n);
            String provider = sheet.provider();
            String key = PriceCatalog.canonical(sheet.model());
            sheets.computeIfAbsent(provider, k -> new LinkedHashMap<>()).putIfAbsent(key, sheet);
            if (sheet.currency().equals(PriceSheet.USD)) {
                String asOf = n.getString("asOf");
                ModelPrice p = new ModelPrice(provider, n.getString("model"), CatalogRules.dec(n, "input"),
                        CatalogRules.dec(n, "output"), CatalogRules.dec(n, "cachedInput"),
                        CatalogRules.dec(n, "cacheWrite"), CatalogRules.dec(n, "perHour"), n.getString("source"),
                        asOf == null ? null : LocalDate.parse(asOf));
                prices.computeIfAbsent(provider, k -> new LinkedHashMap<>()).putIfAbsent(key, p);
            }
        }
        Map<String, Map<String, ModelInfo>> infos = CatalogEntries.infos(entries);
        for (JsonObject a : aliases) {
            resolve(a, prices, sheets, infos);
        }
        return new Parsed(prices, infos, CatalogEntries.vendors(root), sheets);
    }

    /** An alias gets its target's price, sheet and capabilities under its own name. */
    private static void resolve(JsonObject a, Map<String, Map<String, ModelPrice>> prices,
                                Map<String, Map<String, PriceSheet>> sheets,
                                Map<String, Map<String, ModelInfo>> infos) {
        String provider = a.getString("provider").toLowerCase(Locale.ROOT);
        String name = a.getString("model");
        String key = PriceCatalog.canonical(name);
        String target = PriceCatalog.canonical(a.getString("aliasOf"));
        PriceSheet sheet = sheets.getOrDefault(provider, Map.of()).get(target);
        if (sheet == null) {
            throw new IllegalArgumentException("alias " + provider + "/" + name + " points to unknown model "
                    + a.getString("aliasOf"));
        }
        boolean mapped = a.getBoolean("verified", false);
        String note = name + " is served by " + sheet.model() + ": " + a.getString("note", "alias")
                + (mapped ? "" : " (the mapping is not confirmed on the vendor's page: " + a.getString("source") + ")");
        sheets.get(provider).putIfAbsent(key, sheet.aliasedAs(name, note, mapped));
        ModelPrice p = prices.getOrDefault(provider, Map.of()).get(target);
        if (p != null) {
            prices.get(provider).putIfAbsent(key, new ModelPrice(provider, name, p.inputPerMTok(), p.outputPerMTok(),
                    p.cachedInputPerMTok(), p.cacheWritePerMTok(), p.perHour(), p.source(), p.asOf()));
        }
        ModelInfo i = infos.getOrDefault(provider, Map.of()).get(target);
        if (i != null) {
            infos.get(provider).putIfAbsent(key, new ModelInfo(provider, name, i.contextWindow(), i.maxOutput(),
                    i.tools(), i.vision(), i.json(), i.reasoning(), i.openWeights(), i.tier(), i.source(), i.asOf()));
        }
    }
}
