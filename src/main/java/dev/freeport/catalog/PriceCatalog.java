package dev.freeport.catalog;

import dev.freeport.api.Usage;
import dev.freeport.api.VendorNames;
import dev.freeport.config.PriceConfig;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Prices per provider and model, from the bundled {@code catalog/prices.json}, optionally layered with a user
 * catalog ({@link #load}, {@link #layeredWith}) and overridden by the configuration's {@code prices:}; next to the
 * prices, each model's capabilities ({@link #info}) and each provider's jurisdiction ({@link #vendor}). Immutable.
 * {@link #find} gives the plain USD price ({@link ModelPrice}); {@link #sheet} the full way the vendor bills the
 * model (rules, currency) for the {@link PricingEngine}; docs/PRICING.md describes both.
 *
 * <p>{@link #find} matching, in order:
 * <ol>
 *   <li>overrides: "provider/model", then "model" (an override's null fields are taken from the catalog match). A
 *       key whose first path part is a known provider ("deepseek/deepseek-chat") is only ever "provider/model";
 *       to override OpenRouter's "deepseek/deepseek-chat" write "openrouter/deepseek/deepseek-chat";</li>
 *   <li>the provider's own entry, exact model name (case-insensitive; "." and "-" are equivalent);</li>
 *   <li>the provider's entry after removing date/version suffixes ("-20250929", "-2025-04-14", "@20250929",
 *       "-0905", "-latest") and, for names with a path ("org/model"), the last path part;</li>
 *   <li>only when the provider is self-hosted (vllm, sglang, ollama, llamacpp, lmstudio, tgi) or unknown to the
 *       catalog: the same model on any catalog provider (vendors first, in file order). A known hosted provider
 *       never borrows another vendor's price, and "sandbox" is never priced by the catalog (the config prices it).</li>
 * </ol>
 */
public final class PriceCatalog {

    private static final Set<String> SELF_HOSTED = Set.of("vllm", "sglang", "ollama", "llamacpp", "lmstudio", "tgi");
    static final Pattern VERSION_SUFFIX =
            Pattern.compile("([-@_](\\d{4}-\\d{2}-\\d{2}|\\d{8}|\\d{4}|\\d{3}|latest|v\\d+:\\d+))$");
    private static final BigDecimal NANOS_PER_USD_PER_MTOK = BigDecimal.valueOf(1000);
    private static final BigDecimal NANOS_PER_USD = BigDecimal.valueOf(1_000_000_000L);
    private static final BigDecimal MILLIS_PER_HOUR = BigDecimal.valueOf(3_600_000L);
    private static final long MILLIS_PER_HOUR_LONG = 3_600_000L;

    /** provider -> canonical model -> price, in file order. */
    private final Map<String, Map<String, ModelPrice>> byProvider;
    /** provider -> canonical model -> capabilities, in file order. */
    private final Map<String, Map<String, ModelInfo>> infoByProvider;
    /** provider -> canonical model -> how the vendor bills it (every priced entry, any currency). */
    private final Map<String, Map<String, PriceSheet>> sheets;
    /** every provider with a price or sheet: such a provider never borrows another vendor's price. */
    private final Set<String> known;
    /** provider -> where it sits. */
    private final Map<String, VendorInfo> vendors;
    /** canonical override key ("provider/model" or "model") -> override. */
    private final Map<String, PriceConfig> overrides;
    /** the overrides whose key can be a bare model name (its first path part is no known provider). */
    private final Map<String, PriceConfig> modelOverrides;

    private PriceCatalog(Map<String, Map<String, ModelPrice>> byProvider,
                         Map<String, Map<String, ModelInfo>> infoByProvider, Map<String, VendorInfo> vendors,
                         Map<String, Map<String, PriceSheet>> sheets, Map<String, PriceConfig> overrides) {
        this.byProvider = byProvider;
        this.infoByProvider = infoByProvider;
        this.sheets = sheets;
        Set<String> names = new java.util.HashSet<>(sheets.keySet());
        names.addAll(byProvider.keySet());
        this.known = Set.copyOf(names);
        this.vendors = vendors;
        this.overrides = overrides;
        Map<String, PriceConfig> m = new HashMap<>();
        overrides.forEach((k, v) -> {
            int slash = k.indexOf('/');
            String first = slash < 0 ? "" : k.substring(0, slash);
            if (!isKnownProvider(first)) {
                m.put(k, v);
            }
        });
        this.modelOverrides = Map.copyOf(m);
    }

    private boolean isKnownProvider(String name) {
        return byProvider.containsKey(name) || sheets.containsKey(name) || SELF_HOSTED.contains(name)
                || name.equals("sandbox") || !VendorNames.canonical(name).equals(name);
    }

    /** The catalog shipped in the jar (catalog/prices.json). */
    public static PriceCatalog bundled() {
        try (InputStream in = PriceCatalog.class.getResourceAsStream("/catalog/prices.json")) {
            if (in == null) {
                throw new IllegalStateException("catalog/prices.json missing from the classpath");
            }
            return parse(new JsonObject(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read catalog/prices.json", e);
        }
    }

    /** Parses the catalog format ({"prices": [{provider, model, input, output, ...}]}, prices as strings). */
    static PriceCatalog parse(JsonObject root) {
        CatalogParser.Parsed p = CatalogParser.parse(root);
        return new PriceCatalog(p.prices(), p.infos(), p.vendors(), p.sheets(), Map.of());
    }

    /** Reads a catalog file of the bundled format (a user catalog, e.g. written by {@code freeport catalog import}). */
    public static PriceCatalog read(Path file) {
        try {
            return parse(new JsonObject(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read catalog " + file, e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bad catalog " + file + ": " + e.getMessage(), e);
        }
    }

    /** The bundled catalog with the user catalog at {@code userFile} layered over it, if that file exists. */
    public static PriceCatalog load(Path userFile) {
        PriceCatalog base = bundled();
        return userFile != null && Files.isRegularFile(userFile) ? base.layeredWith(read(userFile)) : base;
    }

    /**
     * This catalog with {@code over}'s entries on top: an entry of the same provider and model replaces this one's
     * (in place), new entries come after; the same for capabilities and vendors. Overrides are kept.
     */
    public PriceCatalog layeredWith(PriceCatalog over) {
        return new PriceCatalog(CatalogEntries.layer(byProvider, over.byProvider),
                CatalogEntries.layer(infoByProvider, over.infoByProvider),
                CatalogEntries.layerFlat(vendors, over.vendors), CatalogEntries.layer(sheets, over.sheets),
                overrides);
    }

    /** Capabilities of a model on a provider (matching as {@link #find}, without overrides). */
    public Optional<ModelInfo> info(String provider, String model) {
        return model == null ? Optional.empty() : match(infoByProvider, known(), VendorNames.canonical(provider),
                model);
    }

    /** Where a provider sits (home country, hosting region), if the catalog knows it. */
    public Optional<VendorInfo> vendor(String provider) {
        return Optional.ofNullable(vendors.get(VendorNames.canonical(provider)));
    }

    /** Every capability entry, in file order. */
    public List<ModelInfo> infos() {
        List<ModelInfo> all = new ArrayList<>();
        infoByProvider.values().forEach(m -> all.addAll(m.values()));
        return all;
    }

    /** Every vendor entry. */
    public List<VendorInfo> vendors() {
        return List.copyOf(vendors.values());
    }

    private static BigDecimal dec(JsonObject n, String field) {
        Object v = n.getValue(field);
        return v == null ? null : new BigDecimal(v.toString());
    }

    /** A copy with the configuration's price overrides; keys "provider/model" or "model". */
    public PriceCatalog withOverrides(Map<String, PriceConfig> overrides) {
        Map<String, PriceConfig> o = new HashMap<>();
        if (overrides != null) {
            overrides.forEach((k, v) -> o.put(canonical(k), v));
        }
        return new PriceCatalog(byProvider, infoByProvider, vendors, sheets, Map.copyOf(o));
    }

    /** Every catalog entry (without overrides), in file order. */
    public List<ModelPrice> entries() {
        List<ModelPrice> all = new ArrayList<>();
        byProvider.values().forEach(m -> all.addAll(m.values()));
        return all;
    }

    /** The price of a model on a provider; see the class comment for the matching rules. */
    public Optional<ModelPrice> find(String provider, String model) {
        if (model == null) {
            return Optional.empty();
        }
        String prov = VendorNames.canonical(provider);
        Optional<ModelPrice> base = catalogMatch(prov, model);
        PriceConfig o = overrides.get(canonical(prov + "/" + model));
        if (o == null) {
            o = modelOverrides.get(canonical(model));
        }
        if (o == null) {
            return base;
        }
        return Optional.of(merge(prov, model, o, base.orElse(null)));
    }

    /** Like {@link #find}, but a target's own price (may be null) wins over overrides and catalog. */
    public Optional<ModelPrice> find(String provider, String model, PriceConfig targetPrice) {
        if (targetPrice == null) {
            return find(provider, model);
        }
        return Optional.of(merge(provider, model, targetPrice, find(provider, model).orElse(null)));
    }

    /**
     * How the vendor bills a model on a provider (matching as {@link #find}): base rates, rules and currency. A price
     * from the configuration (override or target price) is used as written, without the vendor's rules.
     */
    public Optional<PriceSheet> sheet(String provider, String model) {
        if (model == null) {
            return Optional.empty();
        }
        String prov = VendorNames.canonical(provider);
        if (overrides.containsKey(canonical(prov + "/" + model)) || modelOverrides.containsKey(canonical(model))) {
            return find(provider, model).map(PriceSheet::of);
        }
        return match(sheets, known(), prov, model);
    }

    /** Like {@link #sheet(String, String)}, but a target's own price (may be null) wins, as in {@link #find}. */
    public Optional<PriceSheet> sheet(String provider, String model, PriceConfig targetPrice) {
        return targetPrice == null ? sheet(provider, model) : find(provider, model, targetPrice).map(PriceSheet::of);
    }

    /** Every price sheet (any currency), in file order. */
    public List<PriceSheet> sheets() {
        List<PriceSheet> all = new ArrayList<>();
        sheets.values().forEach(m -> all.addAll(m.values()));
        return all;
    }

    private Set<String> known() {
        return known;
    }

    private Optional<ModelPrice> catalogMatch(String prov, String model) {
        return match(byProvider, known(), prov, model);
    }

    private static <T> Optional<T> match(Map<String, Map<String, T>> byProvider, Set<String> known, String prov,
                                         String model) {
        if (prov.equals("sandbox")) {
            return Optional.empty();
        }
        List<String> candidates = candidates(model);
        Map<String, T> own = byProvider.get(prov);
        if (own != null) {
            for (String c : candidates) {
                T p = own.get(c);
                if (p != null) {
                    return Optional.of(p);
                }
            }
        }
        if ((own != null || known.contains(prov)) && !SELF_HOSTED.contains(prov)) {
            return Optional.empty();
        }
        for (String c : candidates) {
            for (Map<String, T> models : byProvider.values()) {
                for (Map.Entry<String, T> e : models.entrySet()) {
                    if (e.getKey().equals(c) || lastPart(e.getKey()).equals(c)) {
                        return Optional.of(e.getValue());
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The name, then with version suffixes removed one by one, then the same for the last path part. */
    static List<String> candidates(String model) {
        List<String> out = new ArrayList<>();
        String c = canonical(model);
        if (c.startsWith("models/")) {
            c = c.substring("models/".length());
        }
        addStripped(out, c);
        if (c.contains("/")) {
            addStripped(out, lastPart(c));
        }
        return out;
    }

    private static void addStripped(List<String> out, String name) {
        String cur = name;
        out.add(cur);
        while (true) {
            String next = VERSION_SUFFIX.matcher(cur).replaceFirst("");
            if (next.equals(cur) || next.isEmpty()) {
                return;
            }
            cur = next;
            out.add(cur);
        }
    }

    private static String lastPart(String name) {
        return name.substring(name.lastIndexOf('/') + 1);
    }

    static String canonical(String name) {
        return name.trim().toLowerCase(Locale.ROOT).replace('.', '-');
    }

    /**
     * An override on top of a catalog price: its non-null fields win. A per-hour override stands alone (token
     * prices then come only from the override itself), so a self-hosted target is not also charged a vendor's
     * token price.
     */
    private static ModelPrice merge(String provider, String model, PriceConfig o, ModelPrice base) {
        boolean inherit = base != null && o.perHour() == null;
        return new ModelPrice(provider, model,
                pick(o.inputPerMTok(), inherit ? base.inputPerMTok() : null),
                pick(o.outputPerMTok(), inherit ? base.outputPerMTok() : null),
                pick(o.cachedInputPerMTok(), inherit ? base.cachedInputPerMTok() : null),
                pick(o.cacheWritePerMTok(), inherit ? base.cacheWritePerMTok() : null),
                pick(o.perHour(), inherit ? base.perHour() : null),
                "config", null);
    }

    private static BigDecimal pick(BigDecimal a, BigDecimal b) {
        return a != null ? a : b;
    }

    /**
     * Exact cost in nano-dollars, rounded half-up once at the end. Uncached input (input − cached − cache
     * creation, never below 0) at the input price; cached input at the cached price (input price if null); cache
     * creation at the cache-write price (input price if null); output, reasoning included, at the output price;
     * plus, for per-hour targets, perHour × latency. Null token prices count as zero. In longs over the price's
     * {@link ModelPrice#tokens} (pico-dollars per token); the BigDecimal way when a figure does not fit.
     */
    public static long costNanos(ModelPrice price, Usage usage, long latencyMillis) {
        long uncached = Math.max(0, usage.inputTokens() - usage.cachedInputTokens() - usage.cacheCreationTokens());
        TokenPrice t = price.tokens();
        long picos = t.picos(uncached, usage.cachedInputTokens(), usage.cacheCreationTokens(), usage.outputTokens());
        long nanos;
        if (price.perHour() != null && latencyMillis > 0) {
            // (picos × 3,600,000 + pico-dollars per hour × ms) / (1,000 × 3,600,000), one rounding
            long n = Longs.add(Longs.mul(picos, MILLIS_PER_HOUR_LONG), Longs.mul(t.perHour(), latencyMillis));
            nanos = Longs.divHalfUp(n, 1000 * MILLIS_PER_HOUR_LONG);
        } else {
            nanos = Longs.roundHalfUp(picos, 3);
        }
        return nanos >= 0 ? nanos : costNanosExact(price, usage, latencyMillis);
    }

    /** {@link #costNanos} the BigDecimal way: the reference, and the way for figures past a long. */
    static long costNanosExact(ModelPrice price, Usage usage, long latencyMillis) {
        BigDecimal in = zero(price.inputPerMTok());
        BigDecimal cachedPrice = price.cachedInputPerMTok() != null ? price.cachedInputPerMTok() : in;
        BigDecimal writePrice = price.cacheWritePerMTok() != null ? price.cacheWritePerMTok() : in;
        long uncached = Math.max(0, usage.inputTokens() - usage.cachedInputTokens() - usage.cacheCreationTokens());
        BigDecimal tokenUsdTimesMillion = in.multiply(BigDecimal.valueOf(uncached))
                .add(cachedPrice.multiply(BigDecimal.valueOf(usage.cachedInputTokens())))
                .add(writePrice.multiply(BigDecimal.valueOf(usage.cacheCreationTokens())))
                .add(zero(price.outputPerMTok()).multiply(BigDecimal.valueOf(usage.outputTokens())));
        BigDecimal nanos = tokenUsdTimesMillion.multiply(NANOS_PER_USD_PER_MTOK);
        if (price.perHour() != null && latencyMillis > 0) {
            BigDecimal hourly = price.perHour().multiply(BigDecimal.valueOf(latencyMillis)).multiply(NANOS_PER_USD);
            nanos = nanos.multiply(MILLIS_PER_HOUR).add(hourly).divide(MILLIS_PER_HOUR, 0, RoundingMode.HALF_UP);
        }
        return nanos.setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private static BigDecimal zero(BigDecimal b) {
        return b == null ? BigDecimal.ZERO : b;
    }

    /**
     * Nano-dollars as a plain decimal USD string without exponent or trailing zeros: 123000 → "0.000123",
     * 1500000000 → "1.5", 0 → "0" ({@link BigDecimal#stripTrailingZeros} then {@code toPlainString}, written from the
     * long).
     */
    public static String formatUsd(long nanos) {
        return UsdText.format(nanos);
    }
}
