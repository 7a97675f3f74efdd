package dev.freeport.catalog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses an entry's price sheet: its base rates, currency and {@code "rules"} object (docs/PRICING.md has the
 * format). Prices are strings or numbers, read as exact decimals.
 */
final class CatalogRules {

    private CatalogRules() {
    }

    /** The sheet of one catalog entry that has an input price. */
    static PriceSheet sheet(JsonObject n) {
        String asOf = n.getString("asOf");
        JsonObject rules = n.getJsonObject("rules", new JsonObject());
        Rates base = new Rates(dec(n, "input"), dec(n, "output"), dec(n, "cachedInput"), dec(n, "cacheWrite"),
                decMap(rules.getJsonObject("cacheWrites")), dec(rules, "thinkingOutput"));
        return new PriceSheet(n.getString("provider").toLowerCase(Locale.ROOT), n.getString("model"),
                n.getString("currency", PriceSheet.USD).toUpperCase(Locale.ROOT), base, rules(rules),
                dec(n, "perHour"), n.getString("source"), asOf == null ? null : LocalDate.parse(asOf),
                n.getBoolean("verified", false), n.getString("note"));
    }

    static PriceRules rules(JsonObject r) {
        if (r.isEmpty()) {
            return PriceRules.NONE;
        }
        List<PriceRules.ContextTier> tiers = new ArrayList<>();
        JsonArray ts = r.getJsonArray("contextTiers", new JsonArray());
        for (int i = 0; i < ts.size(); i++) {
            JsonObject t = ts.getJsonObject(i);
            tiers.add(new PriceRules.ContextTier(t.getLong("above"), rates(t)));
        }
        List<PriceRules.PriceChange> changes = new ArrayList<>();
        JsonArray cs = r.getJsonArray("priceChanges", new JsonArray());
        for (int i = 0; i < cs.size(); i++) {
            JsonObject c = cs.getJsonObject(i);
            changes.add(new PriceRules.PriceChange(instant(c.getString("from")), instant(c.getString("until")),
                    rates(c)));
        }
        JsonObject op = r.getJsonObject("offPeak");
        return new PriceRules(tiers, op == null ? null : offPeak(op), changes, dec(r, "batch"),
                decMap(r.getJsonObject("serverTools")), lowerKeys(decMap(r.getJsonObject("regions"))),
                r.getString("defaultCacheTtl"));
    }

    /** The rate fields of a tier, window or change object (unset fields stay null). */
    static Rates rates(JsonObject o) {
        return new Rates(dec(o, "input"), dec(o, "output"), dec(o, "cachedInput"), dec(o, "cacheWrite"),
                decMap(o.getJsonObject("cacheWrites")), dec(o, "thinkingOutput"));
    }

    private static OffPeak offPeak(JsonObject o) {
        Set<DayOfWeek> days = new HashSet<>();
        for (Object d : o.getJsonArray("peakDays", new JsonArray())) {
            days.add(day(d.toString()));
        }
        List<OffPeak.Span> hours = new ArrayList<>();
        for (Object h : o.getJsonArray("peakHours", new JsonArray())) {
            hours.add(OffPeak.Span.parse(h.toString()));
        }
        Set<LocalDate> dates = new HashSet<>();
        for (Object d : o.getJsonArray("offPeakDates", new JsonArray())) {
            addDates(dates, d.toString());
        }
        return new OffPeak(ZoneId.of(o.getString("zone")), days, hours, dates, instant(o.getString("from")), rates(o));
    }

    /** "2026-02-15" or an inclusive range "2026-02-15..2026-02-23". */
    private static void addDates(Set<LocalDate> out, String s) {
        int dots = s.indexOf("..");
        if (dots < 0) {
            out.add(LocalDate.parse(s.trim()));
            return;
        }
        LocalDate from = LocalDate.parse(s.substring(0, dots).trim());
        LocalDate to = LocalDate.parse(s.substring(dots + 2).trim());
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            out.add(d);
        }
    }

    private static DayOfWeek day(String s) {
        String u = s.trim().toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().startsWith(u)) {
                return d;
            }
        }
        throw new IllegalArgumentException("bad day " + s);
    }

    private static Instant instant(String s) {
        if (s == null) {
            return null;
        }
        return s.length() == 10 ? LocalDate.parse(s).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
                : Instant.parse(s);
    }

    static BigDecimal dec(JsonObject n, String field) {
        Object v = n.getValue(field);
        return v == null ? null : new BigDecimal(v.toString());
    }

    private static Map<String, BigDecimal> decMap(JsonObject o) {
        Map<String, BigDecimal> m = new LinkedHashMap<>();
        if (o != null) {
            for (String k : o.fieldNames()) {
                m.put(k, dec(o, k));
            }
        }
        return m;
    }

    private static Map<String, BigDecimal> lowerKeys(Map<String, BigDecimal> m) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        return out;
    }
}
