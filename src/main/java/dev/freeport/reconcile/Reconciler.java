package dev.freeport.reconcile;

import dev.freeport.catalog.ModelNames;
import dev.freeport.catalog.PriceCatalog;
import dev.freeport.catalog.PriceSheet;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares the ledger with a vendor's bill per day × model (pure). Model names are compared without case, date or
 * version suffixes ({@link ModelNames#key}); when the bill is not split by model, per day. A difference beyond the
 * tolerance in tokens or money is a finding; the explanations are the ones the data supports: traffic that
 * bypassed the gateway (billed tokens the ledger lacks), requests recorded without a price, 1-hour cache writes
 * recorded at the 5-minute rate, a price change (the catalog now prices the recorded requests as billed), cache
 * accounting (cache reads or writes counted differently), or non-token charges.
 */
public final class Reconciler {

    private Reconciler() {
    }

    static String key(LocalDate day, String model) {
        return day + "|" + ModelNames.key(model);
    }

    public static ReconcileReport compare(String vendor, Map<String, LedgerRow> ledger, List<VendorExport> exports,
                                          LocalDate from, LocalDate to, Tolerance tol, PriceCatalog catalog) {
        Map<String, BilledRow> billed = new LinkedHashMap<>();
        boolean cacheReported = false;
        for (VendorExport x : exports) {
            cacheReported |= x.cacheReported();
            for (BilledRow r : x.rows()) {
                if ((from == null || !r.day().isBefore(from)) && (to == null || !r.day().isAfter(to))) {
                    billed.merge(key(r.day(), r.model()), r, BilledRow::plus);
                }
            }
        }
        Map<String, LedgerRow> led = byModel(billed) ? ledger : perDay(ledger);
        TreeSet<String> keys = new TreeSet<>(Comparator.naturalOrder());
        keys.addAll(billed.keySet());
        led.forEach((k, v) -> {
            if ((from == null || !v.day().isBefore(from)) && (to == null || !v.day().isAfter(to))) {
                keys.add(k);
            }
        });
        List<ReconcileReport.Line> lines = new ArrayList<>();
        long ledgerTotal = 0;
        long billedTotal = 0;
        for (String k : keys) {
            LedgerRow l = led.get(k);
            BilledRow b = billed.get(k);
            ledgerTotal += l == null ? 0 : l.costNanos();
            billedTotal += b == null || b.costNanos() == null ? 0 : b.costNanos();
            lines.add(Explain.line(l, b, tol, cacheReported, sheet(catalog, vendor, l, b)));
        }
        List<String> formats = exports.stream().map(VendorExport::format).distinct().toList();
        return new ReconcileReport(vendor, formats, from, to, tol, ToolFees.net(lines, tol), ledgerTotal,
                billedTotal);
    }

    private static PriceSheet sheet(PriceCatalog catalog, String vendor, LedgerRow l, BilledRow b) {
        String model = l != null ? l.model() : b.model();
        return catalog == null || model == null ? null : catalog.sheet(vendor, model).orElse(null);
    }

    /** Whether the bill names models (else it is compared per day). */
    private static boolean byModel(Map<String, BilledRow> billed) {
        return billed.values().stream().anyMatch(r -> !r.model().startsWith("("));
    }

    private static Map<String, LedgerRow> perDay(Map<String, LedgerRow> ledger) {
        Map<String, LedgerRow> out = new LinkedHashMap<>();
        for (LedgerRow r : ledger.values()) {
            LedgerRow all = new LedgerRow(r.day(), OpenAiExports.ALL_MODELS, r.requests(), r.tokens(), r.costNanos(),
                    r.unpriced(), r.repricedNanos());
            out.merge(key(r.day(), OpenAiExports.ALL_MODELS), all, LedgerRow::plus);
        }
        return out;
    }

    /** The per-line judgement and its explanations. */
    static final class Explain {

        private Explain() {
        }

        static ReconcileReport.Line line(LedgerRow l, BilledRow b, Tolerance tol, boolean cacheReported,
                                         PriceSheet sheet) {
            LocalDate day = l != null ? l.day() : b.day();
            String model = b != null ? b.model() : l.model();
            List<String> why = new ArrayList<>();
            if (b == null) {
                boolean material = !tol.moneyWithin(l.costNanos(), 0) || l.unpriced() > 0;
                why.add("recorded by Freeport but not on the bill (outside the export's range, another account, or "
                        + "requests the vendor did not charge)");
                unpriced(l, why);
                return new ReconcileReport.Line(day, model, l, null, material, why);
            }
            if (l == null) {
                boolean nonToken = model.startsWith("(") && !model.equals(OpenAiExports.ALL_MODELS);
                why.add(nonToken ? "non-token charge " + model + ": billed apart; no day's recorded request costs "
                        + "account for it (server-tool calls made outside the gateway, or not reported by the upstream)"
                        : "billed but never recorded by Freeport: traffic that bypassed the gateway");
                long cost = b.costNanos() == null ? 0 : b.costNanos();
                long tokens = b.tokens() == null ? 0 : b.tokens().total();
                return new ReconcileReport.Line(day, model, null, b,
                        !tol.moneyWithin(cost, cost) || !tol.tokensWithin(tokens, 0), why);
            }
            boolean finding = false;
            if (b.tokens() != null) {
                long diff = b.tokens().total() - l.tokens().total();
                if (!tol.tokensWithin(diff, b.tokens().total())) {
                    finding = true;
                    why.add(diff > 0 ? diff + " more tokens billed than recorded: traffic that bypassed the gateway"
                            : -diff + " more tokens recorded than billed (estimated counts, or requests the vendor "
                            + "did not bill)");
                }
                if (cacheReported) {
                    cache(l.tokens(), b.tokens(), tol, why);
                }
            }
            if (b.costNanos() != null) {
                long diff = b.costNanos() - l.costNanos();
                if (!tol.moneyWithin(diff, b.costNanos())) {
                    finding = true;
                    money(l, b, diff, tol, sheet, why);
                }
            }
            return new ReconcileReport.Line(day, model, l, b, finding, why);
        }

        private static void cache(BilledRow.Tokens led, BilledRow.Tokens bill, Tolerance tol, List<String> why) {
            if (!tol.tokensWithin(bill.cachedInput() - led.cachedInput(), bill.input())) {
                why.add("cache accounting: " + bill.cachedInput() + " cache-read tokens billed, "
                        + led.cachedInput() + " recorded");
            }
            if (!tol.tokensWithin(bill.cacheWrites() - led.cacheWrites(), bill.input())) {
                why.add("cache accounting: " + bill.cacheWrites() + " cache-write tokens billed, "
                        + led.cacheWrites() + " recorded");
            }
        }

        private static void money(LedgerRow l, BilledRow b, long diff, Tolerance tol, PriceSheet sheet,
                                  List<String> why) {
            unpriced(l, why);
            Long oneHour = oneHourExtra(b, sheet);
            if (oneHour != null && tol.moneyWithin(diff - oneHour, b.costNanos())) {
                why.add("1-hour cache writes: " + b.tokens().cacheWrites1h() + " tokens billed at the 1-hour rate, "
                        + "recorded at the 5-minute rate ($" + ReconcileReport.usd(oneHour) + ")");
                return;
            }
            Long repriced = l.repricedNanos();
            if (repriced != null && tol.moneyWithin(b.costNanos() - repriced, b.costNanos())
                    && !tol.moneyWithin(repriced - l.costNanos(), b.costNanos())) {
                why.add("repriced: recorded at $" + ReconcileReport.usd(l.costNanos())
                        + ", the catalog's current rules price the same requests at $" + ReconcileReport.usd(repriced)
                        + ", as billed (a price change, or a rule the recorded cost missed: time of day, context "
                        + "tier, cache TTL)");
                return;
            }
            if (why.stream().noneMatch(w -> w.contains("bypassed") || w.startsWith("cache accounting")
                    || w.contains("without a price"))) {
                why.add("same tokens, different price: recorded $" + ReconcileReport.usd(l.costNanos()) + ", billed $"
                        + ReconcileReport.usd(b.costNanos()) + " (check the catalog price, batch, regional or "
                        + "priority pricing)");
            }
        }

        /** What 1-hour cache writes cost above 5-minute ones under the catalog's prices, or null. */
        private static Long oneHourExtra(BilledRow b, PriceSheet sheet) {
            if (b.tokens() == null || b.tokens().cacheWrites1h() == 0 || sheet == null) {
                return null;
            }
            BigDecimal h1 = sheet.rates().cacheWrites().get("1h");
            BigDecimal m5 = sheet.rates().cacheWrites().getOrDefault("5m", sheet.rates().cacheWrite());
            if (h1 == null || m5 == null) {
                return null;
            }
            return h1.subtract(m5).multiply(BigDecimal.valueOf(b.tokens().cacheWrites1h()))
                    .multiply(BigDecimal.valueOf(1000)).longValue();
        }

        private static void unpriced(LedgerRow l, List<String> why) {
            if (l.unpriced() > 0) {
                why.add(l.unpriced() + " request(s) recorded without a price (cost unknown, counted as $0)");
            }
        }
    }
}
