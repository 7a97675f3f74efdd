package dev.freeport.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.json.Json;
import dev.freeport.route.drill.DrillReport;
import dev.freeport.route.drill.DrillReport.AliasImpact;
import dev.freeport.route.drill.DrillReport.Latency;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.temporal.ChronoUnit;

/** Renders a {@link DrillReport} for {@code freeport drill}: a table with totals and a summary, or JSON. */
final class DrillText {
    private static final ObjectMapper MAPPER = Json.MAPPER;

    private DrillText() {
    }

    /** "7 days", "1 day", else the duration as written in configs ("36h", "90m"). */
    static String window(java.time.Duration d) {
        long days = d.toDays();
        if (d.equals(java.time.Duration.ofDays(days))) {
            return days + (days == 1 ? " day" : " days");
        }
        return dev.freeport.config.ConfigUnits.formatDuration(d);
    }

    static String text(DrillReport r, String window) {
        DrillReport.Totals t = r.totals();
        StringBuilder sb = new StringBuilder();
        sb.append("Outage drill: without ").append(r.vendor()).append(", replaying the last ").append(window)
                .append(" (").append(r.from().truncatedTo(ChronoUnit.SECONDS))
                .append(" .. ").append(r.to().truncatedTo(ChronoUnit.SECONDS))
                .append(")\n\n");
        TextTable table = new TextTable("ALIAS", "REQUESTS", "VIA " + r.vendor().toUpperCase(java.util.Locale.ROOT),
                "VERDICT", "FALLBACK", "COST CHANGE", "LATENCY CHANGE (median, ttft)");
        for (AliasImpact a : r.aliases()) {
            table.row(a.alias(), String.valueOf(a.requests()), String.valueOf(a.viaVendor()), verdict(a),
                    a.fallback() == null ? "-" : a.fallback() + (a.fallbackPriced() ? "" : " (price unknown)"),
                    cost(a), latency(a));
        }
        sb.append(table.render(""));
        sb.append('\n');
        sb.append("Totals: ").append(t.requests()).append(" requests, ").append(t.viaVendor()).append(" via ")
                .append(r.vendor()).append(" (").append(pct(t.vendorRequestShare())).append(" of requests, ")
                .append(usd(t.viaVendorSpendNanos())).append(" of ").append(usd(t.spendNanos())).append(" spend = ")
                .append(pct(t.vendorSpendShare())).append(")\n");
        sb.append("        ").append(t.failingRequests()).append(t.failingRequests() == 1 ? " request" : " requests")
                .append(" would fail (")
                .append(pct(t.failingShare())).append(" of all traffic); fallback cost change ")
                .append(signedUsd(t.fallbackCostDeltaNanos())).append('\n');
        sb.append('\n').append(summary(r, window)).append('\n');
        return sb.toString();
    }

    /** One sentence an operator can paste into a report. */
    static String summary(DrillReport r, String window) {
        DrillReport.Totals t = r.totals();
        int configured = t.failingAliases() + t.fallingBackAliases() + t.unaffectedAliases();
        StringBuilder sb = new StringBuilder("If ").append(r.vendor()).append(" went down, ");
        if (t.failingAliases() == 0) {
            sb.append("no alias would fail");
        } else {
            sb.append(t.failingAliases()).append(" of ").append(configured).append(" aliases would fail (")
                    .append(t.failingRequests()).append(" requests, ").append(pct(t.failingShare()))
                    .append(" of traffic)");
        }
        sb.append(", ").append(t.fallingBackAliases()).append(" would")
                .append(" fall back (").append(signedUsd(t.fallbackCostDeltaNanos())).append(" over ").append(window)
                .append(")");
        sb.append(" and ").append(t.unaffectedAliases()).append(t.unaffectedAliases() == 1 ? " is" : " are")
                .append(" unaffected; ").append(r.vendor()).append(" carried ").append(pct(t.vendorRequestShare()))
                .append(" of requests and ").append(pct(t.vendorSpendShare())).append(" of spend.");
        return sb.toString();
    }

    private static String verdict(AliasImpact a) {
        return switch (a.verdict()) {
            case FAIL -> "FAIL";
            case FALL_BACK -> "fall back";
            case UNAFFECTED -> "unaffected";
            case NOT_CONFIGURED -> "not in config";
        };
    }

    private static String cost(AliasImpact a) {
        Long delta = a.costDeltaNanos();
        if (a.verdict() == DrillReport.Verdict.FAIL) {
            return usd(-a.costThenNanos()) + " (not served)";
        }
        if (delta == null || a.verdict() == DrillReport.Verdict.UNAFFECTED) {
            return "-";
        }
        BigDecimal p = a.costDeltaPercent();
        return signedUsd(delta) + (p == null ? "" : " (" + (p.signum() > 0 ? "+" : "") + pct(p) + ")");
    }

    private static String latency(AliasImpact a) {
        if (a.verdict() != DrillReport.Verdict.FALL_BACK || a.viaVendor() == 0) {
            return "-";
        }
        Latency f = a.fallbackLatency();
        if (!f.hasData()) {
            return "no data (fallback served nothing)";
        }
        Long d = a.latencyDeltaMillis();
        if (d == null) {
            return "fallback " + f.medianMillis() + " ms (no vendor data)";
        }
        Long ttft = a.ttftDeltaMillis();
        return ms(d) + (ttft == null ? "" : ", ttft " + ms(ttft));
    }

    static String json(DrillReport r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("vendor", r.vendor());
        root.put("from", r.from().toString());
        root.put("to", r.to().toString());
        ArrayNode aliases = root.putArray("aliases");
        for (AliasImpact a : r.aliases()) {
            ObjectNode n = aliases.addObject();
            n.put("alias", a.alias());
            n.put("verdict", a.verdict().name().toLowerCase(java.util.Locale.ROOT));
            n.put("requests", a.requests());
            n.put("via_vendor", a.viaVendor());
            n.put("fallback", a.fallback());
            n.put("fallback_priced", a.fallbackPriced());
            n.put("cost_then_nanos", a.costThenNanos());
            n.put("cost_now_nanos", a.costNowNanos());
            n.put("cost_delta_nanos", a.costDeltaNanos());
            n.put("cost_delta_percent", a.costDeltaPercent());
            n.put("failing_requests", a.failingRequests());
            latency(n.putObject("vendor_latency"), a.vendorLatency());
            latency(n.putObject("fallback_latency"), a.fallbackLatency());
            n.put("latency_delta_ms", a.latencyDeltaMillis());
            n.put("ttft_delta_ms", a.ttftDeltaMillis());
        }
        DrillReport.Totals t = r.totals();
        ObjectNode n = root.putObject("totals");
        n.put("requests", t.requests());
        n.put("via_vendor", t.viaVendor());
        n.put("vendor_request_share_percent", t.vendorRequestShare());
        n.put("spend_nanos", t.spendNanos());
        n.put("via_vendor_spend_nanos", t.viaVendorSpendNanos());
        n.put("vendor_spend_share_percent", t.vendorSpendShare());
        n.put("failing_aliases", t.failingAliases());
        n.put("falling_back_aliases", t.fallingBackAliases());
        n.put("unaffected_aliases", t.unaffectedAliases());
        n.put("failing_requests", t.failingRequests());
        n.put("failing_share_percent", t.failingShare());
        n.put("failing_spend_nanos", t.failingSpendNanos());
        n.put("fallback_cost_delta_nanos", t.fallbackCostDeltaNanos());
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void latency(ObjectNode n, Latency l) {
        n.put("samples", l.samples());
        n.put("median_ms", l.medianMillis());
        n.put("median_ttft_ms", l.medianTtftMillis());
    }

    /** Dollars: cents from $1 up, else up to six decimals. */
    static String usd(long nanos) {
        BigDecimal d = BigDecimal.valueOf(Math.abs(nanos), 9);
        String s = d.compareTo(BigDecimal.ONE) >= 0 ? d.setScale(2, RoundingMode.HALF_UP).toPlainString()
                : d.setScale(6, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        return (nanos < 0 ? "-$" : "$") + s;
    }

    static String signedUsd(long nanos) {
        return nanos > 0 ? "+" + usd(nanos) : usd(nanos);
    }

    private static String pct(BigDecimal p) {
        return p == null ? "n/a" : p.toPlainString() + "%";
    }

    private static String ms(long d) {
        return (d > 0 ? "+" : "") + d + " ms";
    }
}
