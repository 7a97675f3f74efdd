package dev.freeport.catalog;

import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code freeport catalog check} finds (docs/PRICING.md): models the ledger saw without a price, catalog
 * entries read longer ago than a maximum age, entries not verified on the vendor's own page, and the prices that
 * differ from an imported LiteLLM price map (converted by {@link LiteLlmCatalog}, the same as {@code catalog
 * import}). Pure: the caller reads the ledger and the files.
 *
 * @param unpriced    provider/model pairs the ledger recorded at an unknown cost, most requests first
 * @param stale       entries whose {@code asOf} is older than the maximum age (or missing), oldest first
 * @param unverified  entries with {@code verified: false}
 * @param differences bundled prices that differ from LiteLLM's for the same provider and model
 * @param litellmOnly how many LiteLLM entries of a provider Freeport knows have no bundled entry (null: no map given)
 * @param aliasWhy    for each unverified deprecated name ("provider/model"), why: the model it maps to is
 *                    unverified, or the mapping itself is (an alias is verified only when both are)
 */
public record CatalogCheck(List<Seen> unpriced, List<PriceSheet> stale, List<PriceSheet> unverified,
                           List<Difference> differences, Integer litellmOnly, Map<String, String> aliasWhy) {

    public CatalogCheck {
        unpriced = List.copyOf(unpriced);
        stale = List.copyOf(stale);
        unverified = List.copyOf(unverified);
        differences = List.copyOf(differences);
        aliasWhy = aliasWhy == null ? Map.of() : Map.copyOf(aliasWhy);
    }

    public CatalogCheck(List<Seen> unpriced, List<PriceSheet> stale, List<PriceSheet> unverified,
                        List<Difference> differences, Integer litellmOnly) {
        this(unpriced, stale, unverified, differences, litellmOnly, Map.of());
    }

    /** A provider/model the ledger saw at an unknown cost: how many requests and tokens, and when last. */
    public record Seen(String provider, String model, long requests, long tokens, java.time.Instant last) {
    }

    /** One price field that differs: the bundled value and LiteLLM's (USD per million tokens). */
    public record Difference(String provider, String model, String field, BigDecimal bundled, BigDecimal litellm) {
    }

    /** A request as the check needs it: where it went, its tokens, whether its cost was known, and when. */
    public record Request(String provider, String model, long tokens, boolean costKnown, java.time.Instant time) {
    }

    /** LiteLLM's parsed {@code model_prices_and_context_window.json} as a catalog (as {@code catalog import}). */
    public static PriceCatalog fromLiteLlm(JsonObject litellm, LocalDate today) {
        PriceCatalog bundled = PriceCatalog.bundled();
        return PriceCatalog.parse(LiteLlmCatalog.convert(litellm, bundled, "LiteLLM", today).catalog());
    }

    /**
     * Runs the check on {@code catalog} (the bundled one with the user catalog over it). {@code litellm}: LiteLLM's
     * prices as a catalog ({@link #fromLiteLlm}, or the user catalog {@code catalog import} wrote), compared with the
     * bundled catalog; null for none. The unpriced list holds what the ledger recorded at an unknown cost.
     */
    public static CatalogCheck run(PriceCatalog catalog, List<Request> ledger, Duration maxAge, LocalDate today,
                                   PriceCatalog litellm) {
        Map<String, Seen> seen = new LinkedHashMap<>();
        for (Request r : ledger) {
            if (r.costKnown() || r.provider() == null) {
                continue;
            }
            seen.merge(r.provider() + "/" + r.model(), new Seen(r.provider(), r.model(), 1, r.tokens(), r.time()),
                    (a, b) -> new Seen(a.provider(), a.model(), a.requests() + 1, a.tokens() + b.tokens(),
                            a.last().isAfter(b.last()) ? a.last() : b.last()));
        }
        List<Seen> unpriced = seen.values().stream()
                .sorted(Comparator.comparingLong(Seen::requests).reversed().thenComparing(Seen::provider)
                        .thenComparing(Seen::model)).toList();
        LocalDate oldest = today.minusDays(Math.max(0, maxAge.toDays()));
        List<PriceSheet> sheets = catalog.sheets();
        List<PriceSheet> stale = sheets.stream().filter(s -> s.asOf() == null || s.asOf().isBefore(oldest))
                .sorted(Comparator.comparing(PriceSheet::asOf, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
        List<PriceSheet> unverified = sheets.stream().filter(s -> !s.verified()).toList();
        Map<String, String> why = new LinkedHashMap<>();
        for (PriceSheet s : unverified) {
            if (s.aliasOf() != null) {
                boolean target = catalog.sheet(s.provider(), s.aliasOf()).map(PriceSheet::verified).orElse(false);
                why.put(s.provider() + "/" + s.model(), target ? "the mapping to " + s.aliasOf() + " is unverified"
                        : s.aliasOf() + ", the model it maps to, is unverified");
            }
        }
        List<Difference> differences = new ArrayList<>();
        Integer only = null;
        if (litellm != null) {
            PriceCatalog theirs = litellm;
            Map<String, PriceSheet> ours = new LinkedHashMap<>();
            PriceCatalog.bundled().sheets().stream().filter(s -> s.currency().equals(PriceSheet.USD))
                    .forEach(s -> ours.putIfAbsent(s.provider() + "/" + PriceCatalog.canonical(s.model()), s));
            int missing = 0;
            for (PriceSheet t : theirs.sheets()) {
                PriceSheet o = ours.get(t.provider() + "/" + PriceCatalog.canonical(t.model()));
                if (o == null) {
                    missing++;
                    continue;
                }
                diff(differences, o, "input", o.rates().input(), t.rates().input());
                diff(differences, o, "output", o.rates().output(), t.rates().output());
                diff(differences, o, "cachedInput", o.rates().cachedInput(), t.rates().cachedInput());
            }
            only = missing;
        }
        return new CatalogCheck(unpriced, stale, unverified, differences, only, why);
    }

    private static void diff(List<Difference> out, PriceSheet ours, String field, BigDecimal mine, BigDecimal theirs) {
        if (mine == null || theirs == null || mine.compareTo(theirs) == 0) {
            return;
        }
        out.add(new Difference(ours.provider(), ours.model(), field, mine, theirs));
    }

    /** Whether the ledger saw a model without a price (what {@code catalog check} exits 1 for). */
    public boolean hasUnpriced() {
        return !unpriced.isEmpty();
    }

    /** The check as JSON. */
    public JsonObject toJson() {
        io.vertx.core.json.JsonArray u = new io.vertx.core.json.JsonArray();
        unpriced.forEach(s -> u.add(new JsonObject().put("provider", s.provider()).put("model", s.model())
                .put("requests", s.requests()).put("tokens", s.tokens()).put("last", String.valueOf(s.last()))));
        io.vertx.core.json.JsonArray st = new io.vertx.core.json.JsonArray();
        stale.forEach(s -> st.add(entry(s)));
        io.vertx.core.json.JsonArray un = new io.vertx.core.json.JsonArray();
        unverified.forEach(s -> un.add(entry(s).put("why", aliasWhy.get(s.provider() + "/" + s.model()))));
        io.vertx.core.json.JsonArray d = new io.vertx.core.json.JsonArray();
        differences.forEach(x -> d.add(new JsonObject().put("provider", x.provider()).put("model", x.model())
                .put("field", x.field()).put("bundled", x.bundled().stripTrailingZeros().toPlainString())
                .put("litellm", x.litellm().stripTrailingZeros().toPlainString())));
        return new JsonObject().put("unpriced_in_ledger", u).put("stale", st).put("unverified", un)
                .put("litellm_differences", d).put("litellm_only", litellmOnly);
    }

    private static JsonObject entry(PriceSheet s) {
        JsonObject o = new JsonObject().put("provider", s.provider()).put("model", s.model())
                .put("as_of", s.asOf() == null ? null : s.asOf().toString()).put("source", s.source())
                .put("verified", s.verified());
        return s.aliasOf() == null ? o : o.put("alias_of", s.aliasOf());
    }

    /** The check as text: one section per kind, the long lists cut at {@code limit} lines each. */
    public String toText(Duration maxAge, int limit) {
        StringBuilder sb = new StringBuilder();
        sb.append("MODELS SEEN IN THE LEDGER WITHOUT A PRICE (cost recorded as unknown): ").append(unpriced.size())
                .append('\n');
        unpriced.forEach(s -> sb.append(String.format("  %-16s %-40s %6d request(s) %10d tokens  last %s%n",
                s.provider(), s.model(), s.requests(), s.tokens(), s.last())));
        if (!unpriced.isEmpty()) {
            sb.append("  add a price: prices: { \"provider/model\": { input: ..., output: ... } } in the config, or "
                    + "freeport catalog import\n");
        }
        sb.append("\nENTRIES OLDER THAN ").append(maxAge.toDays()).append(" DAYS: ").append(stale.size()).append('\n');
        list(sb, stale, limit, Map.of());
        sb.append("\nUNVERIFIED ENTRIES (not read on the vendor's own page): ").append(unverified.size()).append('\n');
        list(sb, unverified, limit, aliasWhy);
        if (litellmOnly != null) {
            sb.append("\nDIFFERENCES FROM LITELLM'S PRICE MAP: ").append(differences.size()).append('\n');
            differences.stream().limit(limit).forEach(x -> sb.append(String.format("  %-16s %-40s %-12s %10s vs %s%n",
                    x.provider(), x.model(), x.field(), x.bundled().toPlainString(), x.litellm().toPlainString())));
            more(sb, differences.size(), limit);
            sb.append("  ").append(litellmOnly).append(" LiteLLM entries of known providers have no bundled entry\n");
        }
        return sb.toString();
    }

    private static void list(StringBuilder sb, List<PriceSheet> sheets, int limit, Map<String, String> why) {
        sheets.stream().limit(limit).forEach(s -> sb.append(String.format("  %-16s %-40s %10s  %s%n", s.provider(),
                s.model(), Objects.toString(s.asOf(), "no date"), s.aliasOf() == null ? s.source()
                        : "alias of " + s.aliasOf() + ": " + why.getOrDefault(s.provider() + "/" + s.model(),
                        "priced as " + s.aliasOf()) + " (" + s.source() + ")")));
        more(sb, sheets.size(), limit);
    }

    private static void more(StringBuilder sb, int size, int limit) {
        if (size > limit) {
            sb.append("  ... and ").append(size - limit).append(" more (--json lists all)\n");
        }
    }
}
