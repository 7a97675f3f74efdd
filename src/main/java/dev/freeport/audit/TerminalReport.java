package dev.freeport.audit;

import dev.freeport.audit.AuditReport.Finding;
import dev.freeport.audit.AuditReport.Group;
import dev.freeport.audit.AuditReport.Share;
import dev.freeport.reconcile.LastRun;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static dev.freeport.audit.AuditJson.usd;

/** The report as aligned plain text for a terminal. */
public final class TerminalReport {

    private static final int ROWS = 10;

    private TerminalReport() {
    }

    public static String render(AuditReport r) {
        StringBuilder sb = new StringBuilder();
        AuditReport.Totals t = r.totals();
        sb.append("FREEPORT SPEND AUDIT  (").append(r.source()).append(")\n");
        sb.append(r.from() == null ? "no requests" : r.from() + " .. " + r.to()).append('\n');
        sb.append(String.format("%d requests (%d ok, %d failed), %,d input + %,d output tokens, %s spent%n",
                t.requests(), t.ok(), t.failed(), t.inputTokens(), t.outputTokens(), usd(t.costNanos())));
        AuditReport.Unpriced u = r.unpriced();
        if (u.requests() > 0) {
            sb.append(String.format("COST UNKNOWN: %d request(s), %,d input + %,d output tokens on models without a "
                    + "price (not in any figure below): %s%n", u.requests(), u.inputTokens(), u.outputTokens(),
                    String.join(", ", u.byModel().stream().limit(ROWS)
                            .map(g -> g.key() + " (" + g.requests() + ")").toList())));
        }
        if (!r.malformed().isEmpty()) {
            sb.append(r.malformed().size()).append(" malformed input line(s) skipped:");
            r.malformed().stream().limit(ROWS).forEach(m -> sb.append(" line ").append(m.line()).append(" (")
                    .append(m.reason()).append(");"));
            sb.append('\n');
        }
        AuditReport.Spend s = r.spend();
        section(sb, "SPEND BY DAY");
        groups(sb, "DAY", s.byDay().subList(Math.max(0, s.byDay().size() - 14), s.byDay().size()));
        AuditReport.Trend tr = s.trend();
        sb.append("trend: last 7 days ").append(usd(tr.last7Nanos())).append(" vs prior 7 days ")
                .append(usd(tr.prior7Nanos())).append(tr.changePct() == null ? "" : " (" + signed(tr.changePct()) + "%)")
                .append('\n');
        section(sb, "SPEND BY VENDOR");
        groups(sb, "VENDOR", s.byVendor());
        section(sb, "SPEND BY MODEL");
        groups(sb, "MODEL", s.byModel());
        section(sb, "TOP SPENDERS (KEYS)");
        groups(sb, "KEY", s.topSpenders());
        section(sb, "SPEND BY TEAM");
        groups(sb, "TEAM", s.byTeam());
        section(sb, "SPEND BY TAG");
        groups(sb, "TAG", s.byTag());
        AuditReport.Concentration c = r.concentration();
        section(sb, "CONCENTRATION");
        shares(sb, "VENDOR", c.vendors());
        sb.append('\n');
        shares(sb, "JURISDICTION", c.jurisdictions());
        sb.append(String.format("Herfindahl-Hirschman index (spend): %,d  %s%n", c.hhi(), c.hhiReading()));
        if (c.singlePointsOfFailure().isEmpty()) {
            sb.append("single points of failure: none\n");
        }
        c.singlePointsOfFailure().forEach(p -> sb.append("single point of failure: ").append(p.alias())
                .append(" -> ").append(String.join(", ", p.vendors())).append(" (").append(p.reason()).append(")\n"));
        section(sb, "TOKEN-MAXXING FINDINGS");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"FINDING", "COUNT", "SHARE", "DOLLARS", "EXAMPLES"});
        for (Finding f : r.findings()) {
            rows.add(new String[] {f.title(), Long.toString(f.count()),
                f.sharePct() == null ? "" : f.sharePct().toPlainString() + "%", usd(f.nanos()),
                String.join(" ", f.examples())});
        }
        table(sb, rows);
        bill(sb, r.bill());
        AuditReport.Savings sv = r.savings();
        section(sb, "SAVINGS ON OPEN MODELS");
        sb.append("today ").append(usd(sv.currentNanos())).append(", on the cheapest capable models ")
                .append(usd(sv.projectedNanos())).append(", saving ").append(usd(sv.savingNanos())).append('\n');
        List<String[]> aliasRows = new ArrayList<>();
        aliasRows.add(new String[] {"ALIAS", "REQUESTS", "TODAY", "PROJECTED", "SAVING", "SUGGESTION"});
        sv.perAlias().stream().limit(ROWS).forEach(a -> aliasRows.add(new String[] {a.alias(), Long.toString(a.requests()),
            usd(a.currentNanos()), usd(a.projectedNanos()), usd(a.savingNanos()), a.suggestion()}));
        table(sb, aliasRows);
        sb.append(sv.note()).append('\n');
        return sb.toString();
    }

    /** The last reconcile run per vendor: each difference from the bill beyond the tolerance, and why. */
    private static void bill(StringBuilder sb, List<LastRun.VendorRun> runs) {
        if (runs.isEmpty()) {
            return;
        }
        section(sb, "AGAINST THE VENDORS' BILLS (last freeport reconcile)");
        for (LastRun.VendorRun v : runs) {
            sb.append(v.vendor()).append(", ").append(v.from()).append(" to ").append(v.to()).append(" (run ")
                    .append(v.ranAt()).append(", tolerance ").append(v.tolerance()).append("): ")
                    .append(v.findings().isEmpty() ? "no findings" : v.findings().size() + " finding(s)").append('\n');
            for (LastRun.Finding f : v.findings()) {
                sb.append("  ").append(f.day()).append("  ").append(f.model());
                if (f.costDiffNanos() != null) {
                    sb.append("  billed - recorded: ").append(usd(f.costDiffNanos()));
                }
                if (f.tokenDiff() != null) {
                    sb.append(", tokens ").append(f.tokenDiff());
                }
                sb.append('\n');
                f.explanations().forEach(e -> sb.append("    - ").append(e).append('\n'));
            }
        }
    }

    private static String signed(BigDecimal d) {
        return (d.signum() > 0 ? "+" : "") + d.toPlainString();
    }

    private static void section(StringBuilder sb, String title) {
        sb.append('\n').append(title).append('\n');
    }

    private static void groups(StringBuilder sb, String head, List<Group> groups) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {head, "REQUESTS", "INPUT", "OUTPUT", "COST"});
        groups.stream().limit(head.equals("DAY") ? 14 : ROWS).forEach(g -> rows.add(new String[] {g.key(),
            Long.toString(g.requests()), Long.toString(g.inputTokens()), Long.toString(g.outputTokens()),
            usd(g.costNanos())}));
        table(sb, rows);
    }

    private static void shares(StringBuilder sb, String head, List<Share> shares) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {head, "REQUESTS%", "TOKENS%", "SPEND%", "COST"});
        shares.forEach(s -> rows.add(new String[] {s.key(), pct(s.requestPct()), pct(s.tokenPct()),
            pct(s.spendPct()), usd(s.costNanos())}));
        table(sb, rows);
    }

    private static String pct(BigDecimal d) {
        return d == null ? "-" : d.toPlainString();
    }

    private static void table(StringBuilder sb, List<String[]> rows) {
        int[] w = new int[rows.get(0).length];
        rows.forEach(r -> {
            for (int i = 0; i < r.length; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        });
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                String pad = " ".repeat(w[i] - r[i].length());
                line.append(i == 0 ? r[i] + pad : pad + r[i]).append("  ");
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
