package dev.freeport.audit;

import dev.freeport.audit.AuditReport.Share;
import dev.freeport.audit.AuditReport.Spof;
import dev.freeport.catalog.PriceCatalog;
import dev.freeport.catalog.VendorInfo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Vendor and jurisdiction shares, the Herfindahl-Hirschman index, and single points of failure. Pure. */
public final class Concentration {

    /** Jurisdiction of a provider the catalog does not know. */
    public static final String UNKNOWN = "unknown";
    /** Jurisdiction of a self-hosted vendor with none configured. */
    public static final String SELF_HOSTED = "self-hosted";

    private Concentration() {
    }

    static AuditReport.Concentration of(List<AuditRecord> records, List<AuditInput.AliasTargets> configured,
                                        PriceCatalog catalog) {
        return of(records, configured, Map.of(), catalog);
    }

    /**
     * {@code configuredJurisdictions}: vendor to jurisdiction as the config's routing profiles say (placement
     * overrides, presets); a vendor not in it falls back to the catalog, else {@link #UNKNOWN}.
     */
    static AuditReport.Concentration of(List<AuditRecord> records, List<AuditInput.AliasTargets> configured,
                                        Map<String, String> configuredJurisdictions, PriceCatalog catalog) {
        List<Share> vendors = shares(records, AuditRecord::vendor, v -> catalog.vendor(v).map(VendorInfo::vendor)
                .orElse(v));
        List<Share> jurisdictions = shares(records, r -> r.vendor() != null
                && configuredJurisdictions.containsKey(r.vendor()) ? configuredJurisdictions.get(r.vendor())
                : catalog.vendor(r.vendor()).map(VendorInfo::jurisdiction).orElse(UNKNOWN),
                j -> j.equals(UNKNOWN) ? "not in the catalog" : j.equals(SELF_HOSTED) ? "your own servers"
                        : "home country / hosting region");
        long hhi = hhi(vendors.stream().map(Share::costNanos).toList());
        return new AuditReport.Concentration(vendors, jurisdictions, hhi, reading(hhi),
                configured.isEmpty() ? inferredSpofs(records) : configuredSpofs(configured));
    }

    /**
     * HHI on spend: the sum of squared percentage shares, 0 (many equal vendors) to 10,000 (one vendor), rounded
     * half-up. 0 when nothing was spent.
     */
    public static long hhi(List<Long> spend) {
        long total = spend.stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return 0;
        }
        BigDecimal sumSquares = BigDecimal.ZERO;
        for (long s : spend) {
            sumSquares = sumSquares.add(BigDecimal.valueOf(s).pow(2));
        }
        return sumSquares.multiply(BigDecimal.valueOf(10_000))
                .divide(BigDecimal.valueOf(total).pow(2), 0, RoundingMode.HALF_UP).longValueExact();
    }

    /** The usual reading: below 1,500 unconcentrated, 1,500–2,500 moderately, above 2,500 highly concentrated. */
    public static String reading(long hhi) {
        return hhi < 1500 ? "unconcentrated" : hhi <= 2500 ? "moderately concentrated" : "highly concentrated";
    }

    private static List<Share> shares(List<AuditRecord> records, Function<AuditRecord, String> key,
                                      Function<String, String> label) {
        Map<String, long[]> acc = new LinkedHashMap<>();
        long[] total = new long[3];
        for (AuditRecord r : records) {
            long[] a = acc.computeIfAbsent(Optional.ofNullable(key.apply(r)).orElse(UNKNOWN), k -> new long[3]);
            long tokens = r.event().inputTokens() + r.event().outputTokens();
            a[0]++;
            a[1] += tokens;
            a[2] += r.event().costNanos();
            total[0]++;
            total[1] += tokens;
            total[2] += r.event().costNanos();
        }
        List<Share> out = new ArrayList<>();
        acc.forEach((k, a) -> out.add(new Share(k, label.apply(k), a[0], a[1], a[2], WasteFindings.pct(a[0], total[0]),
                WasteFindings.pct(a[1], total[1]), WasteFindings.pct(a[2], total[2]))));
        out.sort(Comparator.comparingLong(Share::costNanos).reversed().thenComparing(Share::key));
        return out;
    }

    private static List<Spof> configuredSpofs(List<AuditInput.AliasTargets> configured) {
        List<Spof> out = new ArrayList<>();
        for (AuditInput.AliasTargets a : configured) {
            Set<String> vendors = new LinkedHashSet<>(a.targetVendors());
            if (a.targetVendors().size() <= 1) {
                out.add(new Spof(a.alias(), List.copyOf(vendors), a.targetVendors().size(), "no fallback target", true));
            } else if (vendors.size() == 1) {
                out.add(new Spof(a.alias(), List.copyOf(vendors), a.targetVendors().size(),
                        "every target is the same vendor", true));
            }
        }
        return out;
    }

    private static List<Spof> inferredSpofs(List<AuditRecord> records) {
        Map<String, Set<String>> seen = new LinkedHashMap<>();
        for (AuditRecord r : records) {
            if (r.event().alias() != null && r.vendor() != null) {
                seen.computeIfAbsent(r.event().alias(), k -> new LinkedHashSet<>()).add(r.vendor());
            }
        }
        List<Spof> out = new ArrayList<>();
        seen.forEach((alias, vendors) -> {
            if (vendors.size() == 1) {
                out.add(new Spof(alias, List.copyOf(vendors), 1, "only one vendor seen serving it", false));
            }
        });
        out.sort(Comparator.comparing(Spof::alias));
        return out;
    }
}
