package dev.freeport.lab;

import dev.freeport.lab.MigrationReport.Candidate;
import dev.freeport.lab.MigrationReport.Group;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The migration report as ONE self-contained HTML file ({@code freeport migrate report --html FILE}): inline CSS and
 * inline SVG charts, no scripts, no external resources, so it opens offline in any browser. Per candidate: the share
 * as good or better with its interval, the check failure rates side by side (chart and table), the agreement bands,
 * latency and cost, the slices, the worst examples and the suggestion. Every section has a stable id.
 */
public final class MigrationHtml {
    private static final String CSS = """
            body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#1d2330;padding:0 1em}
            h1{font-size:1.6em}h2{margin-top:2em;border-bottom:2px solid #dde3ee;padding-bottom:.2em}
            table{border-collapse:collapse;margin:.6em 0;width:100%}th,td{padding:.25em .6em;text-align:right;
            border-bottom:1px solid #eef1f6;vertical-align:top}th:first-child,td:first-child{text-align:left}
            th{background:#f4f6fa}.kpi{display:inline-block;margin:.3em 1.2em .3em 0;padding:.6em 1em;
            background:#f4f6fa;border-radius:6px}.kpi b{display:block;font-size:1.4em}
            .note{background:#fff7e0;padding:.6em 1em;border-radius:6px}td.text{text-align:left;white-space:pre-wrap;
            font-family:ui-monospace,monospace;font-size:.85em}svg text{font-size:11px;fill:#1d2330}
            """;
    private static final String CANDIDATE_COLOR = "#3b6fd8";
    private static final String INCUMBENT_COLOR = "#9aa5b8";

    private MigrationHtml() {
    }

    public static String render(MigrationReport r) {
        StringBuilder h = new StringBuilder(32 * 1024);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<link rel=\"icon\" href=\"data:,\"><title>Freeport migration report: ").append(esc(r.alias()))
                .append("</title><style>").append(CSS).append("</style></head><body>");
        h.append("<h1>Migration report: ").append(esc(r.alias())).append("</h1>");
        h.append(kpi("Samples", String.format(Locale.ROOT, "%,d", r.samples())))
                .append(kpi("Requests, last 30 days", String.format(Locale.ROOT, "%,d", r.volume().requests())))
                .append(kpi("Cost, last 30 days", ReportBuilder.usd(r.volume().costNanos())));
        if (r.candidates().isEmpty()) {
            h.append("<p class=\"note\">No candidate results yet: shadow traffic or freeport replay.</p>");
        }
        for (Candidate c : r.candidates()) {
            candidate(h, c);
        }
        return h.append("</body></html>\n").toString();
    }

    private static void candidate(StringBuilder h, Candidate c) {
        String id = "candidate-" + slug(c.name());
        h.append("<h2 id=\"").append(id).append("\">Candidate ").append(esc(c.name())).append("</h2>");
        h.append("<p class=\"note\" id=\"").append(id).append("-suggestion\">").append(esc(c.suggestion()))
                .append("</p>");
        h.append(kpi("As good or better", ReportBuilder.pct(c.share()) + " (" + c.asGood() + "/" + c.compared() + ")"))
                .append(kpi("95% interval", ReportBuilder.pct(c.interval().low()) + " - "
                        + ReportBuilder.pct(c.interval().high())))
                .append(kpi("Cost per request", ReportBuilder.usdExact(c.costPerRequestNanos()) + " vs "
                        + ReportBuilder.usdExact(c.incumbentCostPerRequestNanos())))
                .append(kpi("Projected monthly saving", ReportBuilder.usd(c.monthlySavingNanos())));
        h.append(shareBar(id, c));
        h.append("<h3>Check failures</h3>").append(failureChart(id, c.failureRates()));
        h.append("<table id=\"").append(id).append("-checks\"><tr><th>Check</th><th>").append(esc(c.name()))
                .append("</th><th>Incumbent</th></tr>");
        c.failureRates().forEach((k, v) -> h.append("<tr><td>").append(esc(k)).append("</td><td>")
                .append(ReportBuilder.pct(v.candidate())).append("</td><td>").append(ReportBuilder.pct(v.incumbent()))
                .append("</td></tr>"));
        h.append("</table>");
        h.append("<h3>Latency and cost</h3><table id=\"").append(id).append("-latency\"><tr><th></th><th>p50 ms</th>")
                .append("<th>p95 ms</th><th>p99 ms</th><th>Cost, compared requests</th></tr>")
                .append(latencyRow(c.name(), c.latency(), c.costNanos()))
                .append(latencyRow("incumbent", c.incumbentLatency(), c.incumbentCostNanos())).append("</table>");
        if (c.agreement() != null && c.agreement().pairs() > 0) {
            h.append("<h3>Agreement with the incumbent</h3><p>Median cosine similarity ")
                    .append(c.agreement().median()).append(" over ").append(c.agreement().pairs()).append(" pairs.</p>")
                    .append(bandChart(id, c.agreement().bands()));
        }
        if (c.judged().judged() > 0) {
            h.append("<h3>Judge</h3><p id=\"").append(id).append("-judge\">Better ").append(c.judged().better())
                    .append(", same ").append(c.judged().same()).append(", worse ").append(c.judged().worse())
                    .append("; judging cost ").append(ReportBuilder.usd(c.judged().costNanos())).append(".</p>");
        }
        groups(h, id + "-by-kind", "By kind of request", c.byKind());
        groups(h, id + "-by-team", "By team", c.byTeam());
        groups(h, id + "-by-key", "By key", c.byKey());
        groups(h, id + "-by-tag", "By tag", c.byTag());
        if (!c.byCluster().isEmpty()) {
            groups(h, id + "-by-cluster", "By cluster of similar prompts", c.byCluster());
        }
        if (!c.shortfalls().isEmpty()) {
            h.append("<h3>Where it falls short</h3><ul id=\"").append(id).append("-shortfalls\">");
            c.shortfalls().forEach(f -> h.append("<li>").append(esc(f)).append("</li>"));
            h.append("</ul>");
        }
        h.append("<h3>Worst examples</h3><table id=\"").append(id).append("-worst\"><tr><th>Request</th><th>Prompt</th>")
                .append("<th>Incumbent</th><th>").append(esc(c.name())).append("</th><th>Why</th></tr>");
        for (MigrationReport.Example ex : c.worst()) {
            h.append("<tr><td>").append(esc(ex.sampleId())).append("</td><td class=\"text\">").append(esc(ex.prompt()))
                    .append("</td><td class=\"text\">").append(esc(ex.incumbent())).append("</td><td class=\"text\">")
                    .append(esc(ex.candidate())).append("</td><td class=\"text\">")
                    .append(esc(String.join(", ", ex.failures()) + (ex.judgeReason() == null ? ""
                            : " (judge: " + ex.judgeReason() + ")"))).append("</td></tr>");
        }
        h.append("</table>");
    }

    /** The share as good or better as a bar on 0-100 %, with its interval as a whisker. */
    private static String shareBar(String id, Candidate c) {
        int w = 600;
        double x = c.share() * w;
        double lo = c.interval().low() * w;
        double hi = c.interval().high() * w;
        return "<svg id=\"" + id + "-share\" width=\"" + (w + 60) + "\" height=\"40\" role=\"img\" aria-label=\"share as"
                + " good or better\"><rect x=\"0\" y=\"8\" width=\"" + w + "\" height=\"18\" fill=\"#eef1f6\"/>"
                + "<rect class=\"share\" x=\"0\" y=\"8\" width=\"" + fmt(x) + "\" height=\"18\" fill=\""
                + CANDIDATE_COLOR + "\"/><line x1=\"" + fmt(lo) + "\" x2=\"" + fmt(hi)
                + "\" y1=\"17\" y2=\"17\" stroke=\"#1d2330\" stroke-width=\"2\"/><text x=\"" + (w + 6)
                + "\" y=\"22\">" + esc(ReportBuilder.pct(c.share())) + "</text></svg>";
    }

    /** Two bars per check: candidate and incumbent failure rate (0-100 % scale of the largest). */
    private static String failureChart(String id, Map<String, MigrationReport.Rates> rates) {
        int bar = 14;
        int group = 2 * bar + 10;
        double max = Math.max(0.01, rates.values().stream().mapToDouble(r -> Math.max(r.candidate(), r.incumbent()))
                .max().orElse(0));
        StringBuilder s = new StringBuilder("<svg id=\"" + id + "-failures\" width=\"660\" height=\""
                + (rates.size() * group + 10) + "\" role=\"img\" aria-label=\"check failure rates\">");
        int y = 4;
        for (Map.Entry<String, MigrationReport.Rates> e : rates.entrySet()) {
            double wc = e.getValue().candidate() / max * 420;
            double wi = e.getValue().incumbent() / max * 420;
            s.append("<text x=\"0\" y=\"").append(y + bar).append("\">").append(esc(e.getKey())).append("</text>")
                    .append("<rect class=\"candidate\" x=\"120\" y=\"").append(y).append("\" width=\"").append(fmt(wc))
                    .append("\" height=\"").append(bar).append("\" fill=\"").append(CANDIDATE_COLOR).append("\"/>")
                    .append("<rect class=\"incumbent\" x=\"120\" y=\"").append(y + bar).append("\" width=\"")
                    .append(fmt(wi)).append("\" height=\"").append(bar).append("\" fill=\"").append(INCUMBENT_COLOR)
                    .append("\"/><text x=\"").append(fmt(126 + Math.max(wc, wi))).append("\" y=\"").append(y + bar)
                    .append("\">").append(ReportBuilder.pct(e.getValue().candidate())).append(" / ")
                    .append(ReportBuilder.pct(e.getValue().incumbent())).append("</text>");
            y += group;
        }
        return s.append("</svg>").toString();
    }

    private static String bandChart(String id, List<Integer> bands) {
        String[] labels = {"<0.5", "0.5-0.7", "0.7-0.85", "0.85-0.95", ">=0.95"};
        int max = Math.max(1, bands.stream().mapToInt(Integer::intValue).max().orElse(1));
        StringBuilder s = new StringBuilder("<svg id=\"" + id + "-agreement\" width=\"560\" height=\"150\" role=\"img\""
                + " aria-label=\"agreement bands\">");
        for (int i = 0; i < bands.size(); i++) {
            double hgt = bands.get(i) * 100.0 / max;
            s.append("<rect x=\"").append(i * 110 + 10).append("\" y=\"").append(fmt(110 - hgt))
                    .append("\" width=\"80\" height=\"").append(fmt(hgt)).append("\" fill=\"").append(CANDIDATE_COLOR)
                    .append("\"/><text x=\"").append(i * 110 + 10).append("\" y=\"128\">")
                    .append(esc(labels[Math.min(i, labels.length - 1)])).append("</text><text x=\"")
                    .append(i * 110 + 10).append("\" y=\"144\">").append(bands.get(i)).append("</text>");
        }
        return s.append("</svg>").toString();
    }

    private static String latencyRow(String name, MigrationReport.Latency l, long cost) {
        return "<tr><td>" + esc(name) + "</td><td>" + l.p50() + "</td><td>" + l.p95() + "</td><td>" + l.p99()
                + "</td><td>" + ReportBuilder.usdExact(cost) + "</td></tr>";
    }

    private static void groups(StringBuilder h, String id, String title, Map<String, Group> groups) {
        h.append("<h3>").append(title).append("</h3><table id=\"").append(id).append("\"><tr><th></th>")
                .append("<th>Compared</th><th>As good or better</th><th>95% interval</th></tr>");
        groups.forEach((k, g) -> h.append("<tr><td>").append(esc(k)).append("</td><td>").append(g.compared())
                .append("</td><td>").append(ReportBuilder.pct(g.asGood(), g.compared())).append("</td><td>")
                .append(ReportBuilder.pct(g.interval().low())).append(" - ").append(ReportBuilder.pct(g.interval()
                        .high())).append("</td></tr>"));
        h.append("</table>");
    }

    private static String kpi(String label, String value) {
        return "<div class=\"kpi\">" + esc(label) + "<b>" + esc(value) + "</b></div>";
    }

    private static String slug(String s) {
        return s.replaceAll("[^A-Za-z0-9_-]", "-");
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}
