package dev.freeport.reconcile;

import dev.freeport.catalog.PriceCatalog;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.LocalDate;
import java.util.List;

/**
 * The ledger against a vendor's bill, per day × model, with every difference beyond the tolerance a finding and the
 * explanations that fit it.
 */
public record ReconcileReport(String vendor, List<String> formats, LocalDate from, LocalDate to, Tolerance tolerance,
                              List<Line> lines, long ledgerNanos, long billedNanos) {

    public ReconcileReport {
        formats = List.copyOf(formats);
        lines = List.copyOf(lines);
    }

    /**
     * One day × model.
     *
     * @param ledger       what Freeport recorded, or null
     * @param billed       what the vendor billed, or null
     * @param finding      whether tokens or money differ beyond the tolerance
     * @param explanations why they differ, as far as the data tells (empty when unexplained or equal)
     */
    public record Line(LocalDate day, String model, LedgerRow ledger, BilledRow billed, boolean finding,
                       List<String> explanations) {

        public Line {
            explanations = List.copyOf(explanations);
        }

        /** Billed minus recorded cost, when the bill has a cost. */
        public Long costDiffNanos() {
            return billed == null || billed.costNanos() == null ? null
                    : billed.costNanos() - (ledger == null ? 0 : ledger.costNanos());
        }

        /** Billed minus recorded tokens (input + output), when the bill has tokens. */
        public Long tokenDiff() {
            return billed == null || billed.tokens() == null ? null
                    : billed.tokens().total() - (ledger == null ? 0 : ledger.tokens().total());
        }
    }

    public List<Line> findings() {
        return lines.stream().filter(Line::finding).toList();
    }

    public JsonObject toJson() {
        JsonArray rows = new JsonArray();
        for (Line l : lines) {
            JsonObject o = new JsonObject().put("day", l.day().toString()).put("model", l.model())
                    .put("finding", l.finding()).put("explanations", new JsonArray(l.explanations()));
            if (l.ledger() != null) {
                o.put("ledger", new JsonObject().put("requests", l.ledger().requests())
                        .put("tokens", tokens(l.ledger().tokens())).put("cost_usd", usd(l.ledger().costNanos()))
                        .put("unpriced_requests", l.ledger().unpriced())
                        .put("repriced_usd", l.ledger().repricedNanos() == null ? null
                                : usd(l.ledger().repricedNanos())));
            }
            if (l.billed() != null) {
                o.put("billed", new JsonObject().put("requests", l.billed().requests())
                        .put("tokens", l.billed().tokens() == null ? null : tokens(l.billed().tokens()))
                        .put("cost_usd", l.billed().costNanos() == null ? null : usd(l.billed().costNanos())));
            }
            o.put("token_diff", l.tokenDiff()).put("cost_diff_usd",
                    l.costDiffNanos() == null ? null : usd(l.costDiffNanos()));
            rows.add(o);
        }
        return new JsonObject().put("vendor", vendor).put("formats", new JsonArray(formats))
                .put("from", from == null ? null : from.toString()).put("to", to == null ? null : to.toString())
                .put("tolerance", new JsonObject().put("share", tolerance.share().toPlainString())
                        .put("usd", usd(tolerance.usdNanos())))
                .put("ledger_usd", usd(ledgerNanos)).put("billed_usd", usd(billedNanos))
                .put("diff_usd", usd(billedNanos - ledgerNanos)).put("findings", findings().size()).put("rows", rows);
    }

    /** A terminal table: one line per day × model, explanations under the line. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append("Reconcile ").append(vendor).append(" (").append(String.join(", ", formats)).append(")");
        if (from != null) {
            sb.append(", ").append(from).append(" to ").append(to);
        }
        sb.append('\n').append(String.format("%-10s  %-32s %14s %14s %14s %14s %12s  %s%n", "day", "model",
                "tokens ledger", "tokens billed", "usd ledger", "usd billed", "usd diff", ""));
        for (Line l : lines) {
            sb.append(String.format("%-10s  %-32s %14s %14s %14s %14s %12s  %s%n", l.day(), cut(l.model()),
                    l.ledger() == null ? "-" : Long.toString(l.ledger().tokens().total()),
                    l.billed() == null || l.billed().tokens() == null ? "-"
                            : Long.toString(l.billed().tokens().total()),
                    l.ledger() == null ? "-" : usd(l.ledger().costNanos()),
                    l.billed() == null || l.billed().costNanos() == null ? "-" : usd(l.billed().costNanos()),
                    l.costDiffNanos() == null ? "-" : usd(l.costDiffNanos()),
                    l.finding() ? "FINDING" : "ok"));
            for (String e : l.explanations()) {
                sb.append("            - ").append(e).append('\n');
            }
        }
        sb.append(String.format("total: ledger $%s, billed $%s, difference $%s; %d finding(s) beyond %s%% / $%s%n",
                usd(ledgerNanos), usd(billedNanos), usd(billedNanos - ledgerNanos), findings().size(),
                tolerance.share().movePointRight(2).stripTrailingZeros().toPlainString(), usd(tolerance.usdNanos())));
        return sb.toString();
    }

    private static JsonObject tokens(BilledRow.Tokens t) {
        return new JsonObject().put("input", t.input()).put("cached_input", t.cachedInput())
                .put("cache_writes", t.cacheWrites()).put("cache_writes_1h", t.cacheWrites1h())
                .put("output", t.output());
    }

    static String usd(long nanos) {
        return PriceCatalog.formatUsd(nanos);
    }

    private static String cut(String s) {
        return s.length() <= 32 ? s : s.substring(0, 31) + "…";
    }
}
