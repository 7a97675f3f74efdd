package dev.freeport.audit;

import dev.freeport.audit.AuditReport.Finding;
import dev.freeport.audit.AuditReport.Group;
import dev.freeport.audit.AuditReport.Share;

import java.math.BigDecimal;
import java.util.List;

import static dev.freeport.audit.AuditJson.usd;

/**
 * The report as ONE self-contained HTML file: inline CSS, inline SVG charts, no scripts, no external resources,
 * so it opens offline in any browser. Every section is an {@code <h2>} with a stable id.
 */
public final class HtmlReport {

    private static final String CSS = """
            body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#1d2330;padding:0 1em}
            h1{font-size:1.6em}h2{margin-top:2em;border-bottom:2px solid #dde3ee;padding-bottom:.2em}
            table{border-collapse:collapse;margin:.6em 0;width:100%}th,td{padding:.25em .6em;text-align:right;
            border-bottom:1px solid #eef1f6}th:first-child,td:first-child{text-align:left}th{background:#f4f6fa}
            .kpi{display:inline-block;margin:.3em 1.2em .3em 0;padding:.6em 1em;background:#f4f6fa;border-radius:6px}
            .kpi b{display:block;font-size:1.4em}.note{background:#fff7e0;padding:.6em 1em;border-radius:6px}
            .bad{color:#a33}code{font-size:.9em}svg text{font-size:11px;fill:#1d2330}
            """;

    private HtmlReport() {
    }

    public static String render(AuditReport r) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<link rel=\"icon\" href=\"data:,\"><title>Freeport spend audit</title><style>")
                .append(CSS).append("</style></head><body>");
        AuditReport.Totals t = r.totals();
        h.append("<h1>Freeport spend audit</h1><p>Source: ").append(esc(r.source())).append(". ")
                .append(r.from() == null ? "No requests." : esc(r.from() + " to " + r.to())).append("</p>");
        h.append(kpi("Requests", String.format("%,d", t.requests())))
                .append(kpi("Spend", usd(t.costNanos())))
                .append(kpi("Failed", String.format("%,d", t.failed())))
                .append(kpi("Tokens in / out", String.format("%,d / %,d", t.inputTokens(), t.outputTokens())))
                .append(kpi("Possible saving", usd(r.savings().savingNanos())));
        if (!r.malformed().isEmpty()) {
            h.append("<p class=\"bad\" id=\"malformed\">").append(r.malformed().size())
                    .append(" malformed input line(s) skipped: ");
            r.malformed().stream().limit(20).forEach(m -> h.append("line ").append(m.line()).append(" (")
                    .append(esc(m.reason())).append("); "));
            h.append("</p>");
        }
        AuditReport.Unpriced u = r.unpriced();
        if (u.requests() > 0) {
            h.append("<p class=\"bad\" id=\"cost-unknown\">Cost unknown: ").append(u.requests())
                    .append(String.format(" request(s), %,d input + %,d output tokens on models without a price, in no "
                            + "figure of this report: ", u.inputTokens(), u.outputTokens()));
            u.byModel().stream().limit(20).forEach(g -> h.append(esc(g.key())).append(" (").append(g.requests())
                    .append("); "));
            h.append("</p>");
        }
        AuditReport.Spend s = r.spend();
        h.append("<h2 id=\"spend-by-day\">Spend by day</h2>").append(dayChart(s.byDay()));
        AuditReport.Trend tr = s.trend();
        h.append("<p id=\"trend\">Trend: last 7 days ").append(usd(tr.last7Nanos())).append(" against ")
                .append(usd(tr.prior7Nanos())).append(" the 7 days before")
                .append(tr.changePct() == null ? "" : " (" + (tr.changePct().signum() > 0 ? "+" : "")
                        + tr.changePct().toPlainString() + "%)").append(".</p>");
        groupSection(h, "spend-by-vendor", "Spend by vendor", "Vendor", s.byVendor());
        groupSection(h, "spend-by-model", "Spend by model", "Model", s.byModel());
        groupSection(h, "top-spenders", "Top spenders", "Key", s.topSpenders());
        groupSection(h, "spend-by-key", "Spend by key", "Key", s.byKey());
        groupSection(h, "spend-by-team", "Spend by team", "Team", s.byTeam());
        groupSection(h, "spend-by-tag", "Spend by tag", "Tag", s.byTag());
        AuditReport.Concentration c = r.concentration();
        h.append("<h2 id=\"concentration\">Concentration</h2>");
        h.append("<p id=\"hhi\">Herfindahl-Hirschman index on spend: <b>").append(String.format("%,d", c.hhi()))
                .append("</b> (").append(esc(c.hhiReading()))
                .append("; below 1,500 unconcentrated, 1,500 to 2,500 moderate, above 2,500 high).</p>");
        h.append("<h3>By vendor</h3>").append(shareBars(c.vendors())).append(shareTable("Vendor", c.vendors()));
        h.append("<h3>By jurisdiction</h3>").append(shareTable("Home country / hosting region", c.jurisdictions()));
        h.append("<h3>Single points of failure</h3>");
        if (c.singlePointsOfFailure().isEmpty()) {
            h.append("<p>None.</p>");
        } else {
            h.append("<table id=\"spofs\"><tr><th>Alias</th><th>Vendors</th><th>Targets</th><th>Why</th></tr>");
            c.singlePointsOfFailure().forEach(p -> h.append("<tr><td>").append(esc(p.alias())).append("</td><td>")
                    .append(esc(String.join(", ", p.vendors()))).append("</td><td>").append(p.targets())
                    .append("</td><td>").append(esc(p.reason())).append("</td></tr>"));
            h.append("</table>");
        }
        h.append("<h2 id=\"findings\">Token-maxxing findings</h2><table><tr><th>Finding</th><th>Count</th>")
                .append("<th>Share</th><th>Dollars</th><th>Examples</th><th>How</th></tr>");
        for (Finding f : r.findings()) {
            h.append("<tr id=\"finding-").append(esc(f.id())).append("\"><td>").append(esc(f.title()))
                    .append("</td><td>").append(String.format("%,d", f.count())).append("</td><td>")
                    .append(f.sharePct() == null ? "" : f.sharePct().toPlainString() + "%").append("</td><td>")
                    .append(usd(f.nanos())).append("</td><td><code>").append(esc(String.join(" ", f.examples())))
                    .append("</code></td><td style=\"text-align:left\">").append(esc(f.method())).append("</td></tr>");
        }
        h.append("</table>");
        AuditReport.Savings sv = r.savings();
        h.append("<h2 id=\"savings\">Savings on open models</h2><p>Today <b>").append(usd(sv.currentNanos()))
                .append("</b>; on the cheapest capable models <b>").append(usd(sv.projectedNanos()))
                .append("</b>; saving <b>").append(usd(sv.savingNanos())).append("</b>.</p>");
        h.append("<table><tr><th>Alias</th><th>Requests</th><th>Today</th><th>Projected</th><th>Saving</th>")
                .append("<th>Suggestion</th></tr>");
        sv.perAlias().forEach(a -> h.append("<tr><td>").append(esc(a.alias())).append("</td><td>")
                .append(String.format("%,d", a.requests())).append("</td><td>").append(usd(a.currentNanos()))
                .append("</td><td>").append(usd(a.projectedNanos())).append("</td><td>").append(usd(a.savingNanos()))
                .append("</td><td>").append(esc(a.suggestion())).append("</td></tr>"));
        h.append("</table><p class=\"note\">").append(esc(sv.note())).append("</p></body></html>\n");
        return h.toString();
    }

    private static String kpi(String label, String value) {
        return "<div class=\"kpi\">" + esc(label) + "<b>" + esc(value) + "</b></div>";
    }

    private static void groupSection(StringBuilder h, String id, String title, String head, List<Group> groups) {
        h.append("<h2 id=\"").append(id).append("\">").append(title).append("</h2><table><tr><th>").append(head)
                .append("</th><th>Requests</th><th>Input tokens</th><th>Output tokens</th><th>Cost</th></tr>");
        groups.stream().limit(25).forEach(g -> h.append("<tr><td>").append(esc(g.key())).append("</td><td>")
                .append(String.format("%,d", g.requests())).append("</td><td>")
                .append(String.format("%,d", g.inputTokens())).append("</td><td>")
                .append(String.format("%,d", g.outputTokens())).append("</td><td>").append(usd(g.costNanos()))
                .append("</td></tr>"));
        h.append("</table>");
    }

    private static String shareTable(String head, List<Share> shares) {
        StringBuilder h = new StringBuilder("<table><tr><th>").append(esc(head))
                .append("</th><th>Requests</th><th>Tokens</th><th>Spend</th><th>Cost</th></tr>");
        shares.forEach(s -> h.append("<tr><td>").append(esc(s.key())).append("</td><td>").append(pct(s.requestPct()))
                .append("</td><td>").append(pct(s.tokenPct())).append("</td><td>").append(pct(s.spendPct()))
                .append("</td><td>").append(usd(s.costNanos())).append("</td></tr>"));
        return h.append("</table>").toString();
    }

    private static String pct(BigDecimal d) {
        return d == null ? "-" : d.toPlainString() + "%";
    }

    /** Daily spend as an SVG column chart, with each day's amount in a tooltip title. */
    static String dayChart(List<Group> days) {
        int w = 1000, hgt = 180, n = Math.max(1, days.size());
        long max = Math.max(1, days.stream().mapToLong(Group::costNanos).max().orElse(1));
        double bw = (double) w / n;
        StringBuilder svg = new StringBuilder("<svg role=\"img\" aria-label=\"Spend by day\" viewBox=\"0 0 ")
                .append(w).append(' ').append(hgt + 20).append("\" width=\"100%\">");
        for (int i = 0; i < days.size(); i++) {
            Group g = days.get(i);
            double bh = (double) hgt * g.costNanos() / max;
            svg.append(String.format(java.util.Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#3b6fd8\"><title>%s %s</title></rect>",
                    i * bw + 1, hgt - bh, Math.max(1, bw - 2), bh, esc(g.key()), usd(g.costNanos())));
        }
        if (!days.isEmpty()) {
            svg.append("<text x=\"0\" y=\"").append(hgt + 15).append("\">").append(esc(days.get(0).key()))
                    .append("</text><text x=\"").append(w).append("\" y=\"").append(hgt + 15)
                    .append("\" text-anchor=\"end\">").append(esc(days.get(days.size() - 1).key())).append("</text>");
        }
        return svg.append("</svg>").toString();
    }

    /** Spend share per vendor as horizontal SVG bars. */
    static String shareBars(List<Share> shares) {
        int row = 22;
        StringBuilder svg = new StringBuilder("<svg role=\"img\" aria-label=\"Spend share by vendor\" viewBox=\"0 0 1000 ")
                .append(Math.max(row, shares.size() * row)).append("\" width=\"100%\">");
        for (int i = 0; i < shares.size(); i++) {
            Share s = shares.get(i);
            double pct = s.spendPct() == null ? 0 : s.spendPct().doubleValue();
            svg.append(String.format(java.util.Locale.ROOT,
                    "<text x=\"0\" y=\"%d\">%s</text><rect x=\"160\" y=\"%d\" width=\"%.1f\" height=\"16\" "
                            + "fill=\"#e07b39\"></rect><text x=\"%.1f\" y=\"%d\">%s</text>",
                    i * row + 14, esc(s.key()), i * row + 2, pct * 7.4, 166 + pct * 7.4, i * row + 14,
                    pct(s.spendPct())));
        }
        return svg.append("</svg>").toString();
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
