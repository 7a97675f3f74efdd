package dev.freeport.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.audit.AuditRecord;
import dev.freeport.audit.AuditReport;
import dev.freeport.audit.Auditor;
import dev.freeport.caller.Budget;
import dev.freeport.catalog.PriceCatalog;
import dev.freeport.json.Json;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.limits.Periods;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What the console's live pages show, computed from ledger records (pure): spend over time by alias, vendor, team
 * and key in fixed buckets; requests and errors over time; errors by kind; latency and time to first token
 * (nearest-rank percentiles) overall and per provider; the requests recorded at an unknown cost as their own line
 * ({@code cost_unknown}, per provider/model, never in a dollar figure). Money stays in nano-dollars; "_usd" strings
 * are for display.
 */
final class UsageSeries {
    /** At most this many buckets in one answer. */
    static final int MAX_BUCKETS = 500;
    private static final String NONE = "(none)";

    private UsageSeries() {
    }

    /** The series of {@code records} between {@code from} and {@code to} in buckets of {@code bucketSeconds}. */
    static ObjectNode json(List<AuditRecord> records, Instant from, Instant to, long bucketSeconds) {
        long start = from.toEpochMilli();
        long step = bucketSeconds * 1000;
        int n = (int) Math.max(1, Math.min(MAX_BUCKETS, (to.toEpochMilli() - start + step - 1) / step));
        ObjectNode root = Json.NODES.objectNode();
        root.put("object", "usage");
        root.put("from", from.toString());
        root.put("to", to.toString());
        root.put("bucket_seconds", bucketSeconds);
        ArrayNode buckets = root.putArray("buckets");
        for (int i = 0; i < n; i++) {
            buckets.add(start + i * step);
        }
        long[] requests = new long[n];
        long[] errors = new long[n];
        long cost = 0;
        long ok = 0;
        long in = 0;
        long out = 0;
        Map<String, Function<AuditRecord, String>> dims = new LinkedHashMap<>();
        dims.put("alias", r -> r.event().alias());
        dims.put("vendor", AuditRecord::vendor);
        dims.put("team", r -> r.event().facts().team());
        dims.put("key", r -> r.event().caller());
        Map<String, Map<String, long[]>> spend = new LinkedHashMap<>();
        dims.keySet().forEach(d -> spend.put(d, new TreeMap<>()));
        Map<String, Integer> kinds = new TreeMap<>();
        List<Long> latency = new ArrayList<>();
        List<Long> ttft = new ArrayList<>();
        Map<String, ProviderStats> providers = new TreeMap<>();
        List<AuditRecord> unpriced = new ArrayList<>();
        for (AuditRecord r : records) {
            UsageEvent e = r.event();
            long t = e.time().toEpochMilli();
            if (t < start || t >= start + n * step) {
                continue;
            }
            int b = (int) ((t - start) / step);
            boolean failed = e.status() == UsageEvent.Status.FAILED || e.status() == UsageEvent.Status.CUT;
            requests[b]++;
            cost += e.costNanos();
            if (!e.costKnown()) {
                unpriced.add(r);
            }
            in += e.inputTokens();
            out += e.outputTokens();
            if (failed) {
                errors[b]++;
                kinds.merge(e.errorKind() == null ? "unknown" : e.errorKind(), 1, Integer::sum);
            } else if (e.status() == UsageEvent.Status.OK) {
                ok++;
            }
            for (var d : dims.entrySet()) {
                String key = d.getValue().apply(r);
                long[] row = spend.get(d.getKey()).computeIfAbsent(key == null ? NONE : key, k -> new long[n + 1]);
                row[b] += e.costNanos();
                row[n]++;
            }
            ProviderStats p = providers.computeIfAbsent(e.provider() == null ? NONE : e.provider(),
                    k -> new ProviderStats(r.vendor()));
            p.requests++;
            p.errors += failed ? 1 : 0;
            if (e.status() == UsageEvent.Status.OK) {
                latency.add(e.latencyMillis());
                p.latency.add(e.latencyMillis());
                if (e.ttftMillis() != null) {
                    ttft.add(e.ttftMillis());
                    p.ttft.add(e.ttftMillis());
                }
            }
        }
        ObjectNode totals = root.putObject("totals");
        totals.put("requests", Arrays.stream(requests).sum()).put("ok", ok).put("errors", Arrays.stream(errors).sum())
                .put("input_tokens", in).put("output_tokens", out);
        money(totals, cost);
        unknown(root.putObject("cost_unknown"), Auditor.unpriced(unpriced));
        ObjectNode spendNode = root.putObject("spend");
        spend.forEach((dim, rows) -> {
            ArrayNode arr = spendNode.putArray(dim);
            rows.entrySet().stream()
                    .sorted(Comparator.comparingLong((Map.Entry<String, long[]> x) -> -sum(x.getValue(), n))
                            .thenComparing(Map.Entry::getKey))
                    .forEach(x -> {
                        ObjectNode g = arr.addObject().put("key", x.getKey()).put("requests", x.getValue()[n]);
                        money(g, sum(x.getValue(), n));
                        ArrayNode s = g.putArray("series");
                        for (int i = 0; i < n; i++) {
                            s.add(x.getValue()[i]);
                        }
                    });
        });
        ObjectNode traffic = root.putObject("traffic");
        ArrayNode rq = traffic.putArray("requests");
        ArrayNode er = traffic.putArray("errors");
        for (int i = 0; i < n; i++) {
            rq.add(requests[i]);
            er.add(errors[i]);
        }
        ArrayNode kindsNode = root.putArray("errors");
        kinds.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(k -> kindsNode.addObject().put("kind", k.getKey()).put("count", k.getValue()));
        percentiles(root.putObject("latency"), latency);
        percentiles(root.putObject("ttft"), ttft);
        ArrayNode prov = root.putArray("providers");
        providers.forEach((name, p) -> {
            ObjectNode o = prov.addObject().put("key", name).put("vendor", p.vendor).put("requests", p.requests)
                    .put("errors", p.errors);
            percentiles(o.putObject("latency"), p.latency);
            percentiles(o.putObject("ttft"), p.ttft);
        });
        return root;
    }

    /**
     * Spend per key (the ledger's caller prefix) and per team in the current UTC day, week, month and (when asked)
     * in total: what the budgets page sets against each budget's limit.
     */
    static ObjectNode periods(List<AuditRecord> records, Instant now, boolean withTotal) {
        Budget.Period[] periods = Arrays.stream(Budget.Period.values())
                .filter(p -> withTotal || p != Budget.Period.TOTAL).toArray(Budget.Period[]::new);
        Instant[] starts = Arrays.stream(periods).map(p -> Periods.start(p, now)).toArray(Instant[]::new);
        Map<String, long[]> keys = new TreeMap<>();
        Map<String, long[]> teams = new TreeMap<>();
        for (AuditRecord r : records) {
            UsageEvent e = r.event();
            for (int i = 0; i < periods.length; i++) {
                if (!e.time().isBefore(starts[i])) {
                    if (e.caller() != null) {
                        keys.computeIfAbsent(e.caller(), k -> new long[periods.length])[i] += e.costNanos();
                    }
                    if (e.facts().team() != null) {
                        teams.computeIfAbsent(e.facts().team(), k -> new long[periods.length])[i] += e.costNanos();
                    }
                }
            }
        }
        ObjectNode root = Json.NODES.objectNode();
        root.put("object", "budget_usage");
        root.put("now", now.toString());
        ObjectNode startsNode = root.putObject("period_starts");
        for (int i = 0; i < periods.length; i++) {
            startsNode.put(periods[i].name().toLowerCase(java.util.Locale.ROOT), starts[i].toString());
        }
        spent(root.putObject("keys"), keys, periods);
        spent(root.putObject("teams"), teams, periods);
        return root;
    }

    /** The earliest start of the current day, week and month: what the periods without "total" need to read. */
    static Instant earliestPeriodStart(Instant now) {
        Instant week = Periods.start(Budget.Period.WEEK, now);
        Instant month = Periods.start(Budget.Period.MONTH, now);
        return week.isBefore(month) ? week : month;
    }

    private static void spent(ObjectNode parent, Map<String, long[]> rows, Budget.Period[] periods) {
        rows.forEach((name, sums) -> {
            ObjectNode o = parent.putObject(name);
            for (int i = 0; i < periods.length; i++) {
                o.put(periods[i].name().toLowerCase(java.util.Locale.ROOT) + "_nanos", sums[i]);
            }
        });
    }

    /** The unpriced line, shaped as the audit's {@code cost_unknown}: requests and tokens, per provider/model. */
    private static void unknown(ObjectNode n, AuditReport.Unpriced u) {
        n.put("requests", u.requests()).put("input_tokens", u.inputTokens()).put("output_tokens", u.outputTokens());
        ArrayNode models = n.putArray("by_model");
        u.byModel().forEach(g -> models.addObject().put("key", g.key()).put("requests", g.requests())
                .put("input_tokens", g.inputTokens()).put("output_tokens", g.outputTokens()));
    }

    private static final class ProviderStats {
        final String vendor;
        long requests;
        long errors;
        final List<Long> latency = new ArrayList<>();
        final List<Long> ttft = new ArrayList<>();

        ProviderStats(String vendor) {
            this.vendor = vendor;
        }
    }

    private static long sum(long[] row, int n) {
        long s = 0;
        for (int i = 0; i < n; i++) {
            s += row[i];
        }
        return s;
    }

    /** Nearest-rank p50/p95/p99 in ms (null without samples) and the sample count. */
    private static void percentiles(ObjectNode n, List<Long> samples) {
        List<Long> sorted = samples.stream().sorted().toList();
        n.put("count", sorted.size());
        for (int p : new int[]{50, 95, 99}) {
            if (sorted.isEmpty()) {
                n.putNull("p" + p + "_ms");
            } else {
                int rank = (int) Math.ceil(p / 100.0 * sorted.size());
                n.put("p" + p + "_ms", sorted.get(Math.max(0, rank - 1)));
            }
        }
    }

    private static void money(ObjectNode n, long nanos) {
        n.put("cost_nanos", nanos);
        n.put("cost_usd", PriceCatalog.formatUsd(nanos));
    }
}
