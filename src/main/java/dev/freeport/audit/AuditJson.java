package dev.freeport.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.audit.AuditReport.Finding;
import dev.freeport.audit.AuditReport.Group;
import dev.freeport.audit.AuditReport.Share;
import dev.freeport.catalog.PriceCatalog;
import dev.freeport.reconcile.LastRun;

import java.math.BigDecimal;
import java.util.List;

/**
 * The report as JSON (what {@code freeport audit --json} prints and {@code GET /admin/audit} serves). Money appears
 * twice: {@code *_nanos} (integer nano-dollars) and {@code *_usd} (exact decimal string); shares are percent.
 */
public final class AuditJson {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private AuditJson() {
    }

    public static ObjectNode of(AuditReport r) {
        ObjectNode root = F.objectNode();
        root.put("source", r.source());
        root.put("from", r.from() == null ? null : r.from().toString());
        root.put("to", r.to() == null ? null : r.to().toString());
        AuditReport.Totals t = r.totals();
        ObjectNode totals = root.putObject("totals");
        totals.put("requests", t.requests()).put("ok", t.ok()).put("failed", t.failed())
                .put("input_tokens", t.inputTokens()).put("output_tokens", t.outputTokens())
                .put("reasoning_tokens", t.reasoningTokens());
        money(totals, "cost", t.costNanos());
        AuditReport.Unpriced u = r.unpriced();
        ObjectNode unknown = root.putObject("cost_unknown");
        unknown.put("requests", u.requests()).put("input_tokens", u.inputTokens()).put("output_tokens",
                u.outputTokens());
        groups(unknown, "by_model", u.byModel());
        bill(root.putArray("bill"), r.bill());
        ArrayNode bad = root.putArray("malformed");
        r.malformed().forEach(m -> bad.addObject().put("line", m.line()).put("reason", m.reason()));
        ObjectNode spend = root.putObject("spend");
        groups(spend, "by_day", r.spend().byDay());
        groups(spend, "by_vendor", r.spend().byVendor());
        groups(spend, "by_model", r.spend().byModel());
        groups(spend, "by_key", r.spend().byKey());
        groups(spend, "by_team", r.spend().byTeam());
        groups(spend, "by_tag", r.spend().byTag());
        groups(spend, "top_spenders", r.spend().topSpenders());
        AuditReport.Trend tr = r.spend().trend();
        ObjectNode trend = spend.putObject("trend");
        trend.put("last_day", tr.lastDay() == null ? null : tr.lastDay().toString());
        money(trend, "last_7_days", tr.last7Nanos());
        money(trend, "prior_7_days", tr.prior7Nanos());
        trend.put("change_pct", tr.changePct());
        AuditReport.Concentration c = r.concentration();
        ObjectNode conc = root.putObject("concentration");
        shares(conc, "vendors", c.vendors());
        shares(conc, "jurisdictions", c.jurisdictions());
        conc.put("hhi", c.hhi()).put("hhi_reading", c.hhiReading());
        ArrayNode spofs = conc.putArray("single_points_of_failure");
        c.singlePointsOfFailure().forEach(s -> {
            ObjectNode n = spofs.addObject().put("alias", s.alias()).put("targets", s.targets())
                    .put("reason", s.reason()).put("from_config", s.fromConfig());
            s.vendors().forEach(n.putArray("vendors")::add);
        });
        ArrayNode findings = root.putArray("findings");
        r.findings().forEach(f -> finding(findings.addObject(), f));
        AuditReport.Savings s = r.savings();
        ObjectNode sav = root.putObject("savings");
        money(sav, "current", s.currentNanos());
        money(sav, "projected", s.projectedNanos());
        money(sav, "saving", s.savingNanos());
        sav.put("note", s.note());
        ArrayNode per = sav.putArray("per_alias");
        s.perAlias().forEach(a -> {
            ObjectNode n = per.addObject().put("alias", a.alias()).put("requests", a.requests());
            money(n, "current", a.currentNanos());
            money(n, "projected", a.projectedNanos());
            money(n, "saving", a.savingNanos());
            n.put("suggestion", a.suggestion());
        });
        return root;
    }

    /** The last reconcile run per vendor and its findings (differences from the vendor's bill). */
    private static void bill(ArrayNode arr, List<LastRun.VendorRun> runs) {
        for (LastRun.VendorRun v : runs) {
            ObjectNode n = arr.addObject().put("vendor", v.vendor()).put("ran_at", v.ranAt().toString())
                    .put("from", v.from() == null ? null : v.from().toString())
                    .put("to", v.to() == null ? null : v.to().toString()).put("tolerance", v.tolerance());
            ArrayNode fs = n.putArray("findings");
            for (LastRun.Finding f : v.findings()) {
                ObjectNode fn = fs.addObject().put("day", f.day().toString()).put("model", f.model());
                if (f.costDiffNanos() != null) {
                    money(fn, "cost_diff", f.costDiffNanos());
                }
                fn.put("token_diff", f.tokenDiff());
                f.explanations().forEach(fn.putArray("explanations")::add);
            }
        }
    }

    private static void finding(ObjectNode n, Finding f) {
        n.put("id", f.id()).put("title", f.title()).put("count", f.count());
        money(n, "dollars", f.nanos());
        f.examples().forEach(n.putArray("examples")::add);
        n.put("share_pct", f.sharePct());
        n.put("method", f.method());
    }

    private static void groups(ObjectNode parent, String name, List<Group> groups) {
        ArrayNode arr = parent.putArray(name);
        for (Group g : groups) {
            ObjectNode n = arr.addObject().put("key", g.key()).put("requests", g.requests())
                    .put("input_tokens", g.inputTokens()).put("output_tokens", g.outputTokens());
            money(n, "cost", g.costNanos());
        }
    }

    private static void shares(ObjectNode parent, String name, List<Share> shares) {
        ArrayNode arr = parent.putArray(name);
        for (Share s : shares) {
            ObjectNode n = arr.addObject().put("key", s.key()).put("label", s.label()).put("requests", s.requests())
                    .put("tokens", s.tokens());
            money(n, "cost", s.costNanos());
            n.put("request_pct", s.requestPct()).put("token_pct", s.tokenPct()).put("spend_pct", s.spendPct());
        }
    }

    private static void money(ObjectNode n, String name, long nanos) {
        n.put(name + "_nanos", nanos);
        n.put(name + "_usd", PriceCatalog.formatUsd(nanos));
    }

    /** Dollars rounded to cents with thousands separators: 1234567890123 nanos → "$1,234.57". */
    public static String usd(long nanos) {
        BigDecimal d = BigDecimal.valueOf(nanos, 9).setScale(2, java.math.RoundingMode.HALF_UP);
        return (d.signum() < 0 ? "-$" : "$") + String.format(java.util.Locale.ROOT, "%,.2f", d.abs());
    }
}
