package dev.freeport.audit;

import dev.freeport.audit.AuditReport.AliasSaving;
import dev.freeport.audit.AuditReport.Group;
import dev.freeport.catalog.PriceCatalog;
import dev.freeport.ledger.UsageEvent;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** Turns an {@link AuditInput} into an {@link AuditReport}: spend breakdowns, concentration, findings, savings. Pure. */
public final class Auditor {

    /** Key for records without a value (no team, no tag, ...). */
    public static final String NONE = "(none)";
    public static final String SAVINGS_NOTE = "Prices only: before switching, replay a sample of your real traffic on "
            + "the proposed models and check answer quality; a cheaper model that answers worse saves nothing.";
    private static final int TOP = 10;

    private Auditor() {
    }

    public static AuditReport analyze(AuditInput input, PriceCatalog catalog) {
        List<AuditRecord> records = input.records().stream()
                .sorted(Comparator.comparing((AuditRecord r) -> r.event().time()).thenComparing(r -> r.event().id()))
                .toList();
        Repricer repricer = new Repricer(catalog);
        Instant from = records.isEmpty() ? null : records.get(0).event().time();
        Instant to = records.isEmpty() ? null : records.get(records.size() - 1).event().time();
        return new AuditReport(input.source(), from, to, totals(records), input.malformed(), spend(records),
                Concentration.of(records, input.configuredAliases(), input.jurisdictions(), catalog),
                new WasteFindings(repricer).all(records), savings(records, repricer), unpriced(records), null);
    }

    /** The requests whose cost is unknown, per provider/model: their own line, never counted as $0. */
    public static AuditReport.Unpriced unpriced(List<AuditRecord> records) {
        List<AuditRecord> unknown = records.stream().filter(r -> !r.event().costKnown()).toList();
        if (unknown.isEmpty()) {
            return AuditReport.Unpriced.NONE;
        }
        long in = unknown.stream().mapToLong(r -> r.event().inputTokens()).sum();
        long out = unknown.stream().mapToLong(r -> r.event().outputTokens()).sum();
        List<Group> byModel = group(unknown, r -> r.event().provider() + "/" + r.event().upstreamModel()).stream()
                .sorted(Comparator.comparingLong(Group::requests).reversed().thenComparing(Group::key)).toList();
        return new AuditReport.Unpriced(unknown.size(), in, out, byModel);
    }

    static AuditReport.Totals totals(List<AuditRecord> records) {
        long ok = 0, in = 0, out = 0, reasoning = 0, cost = 0;
        for (AuditRecord r : records) {
            UsageEvent e = r.event();
            ok += r.ok() ? 1 : 0;
            in += e.inputTokens();
            out += e.outputTokens();
            reasoning += e.reasoningTokens();
            cost += e.costNanos();
        }
        return new AuditReport.Totals(records.size(), ok, records.size() - ok, in, out, reasoning, cost);
    }

    static AuditReport.Spend spend(List<AuditRecord> records) {
        Map<String, long[]> days = new TreeMap<>();
        records.forEach(r -> add(days, day(r.event().time()).toString(), r.event()));
        List<Group> byDay = rows(days, false);
        List<Group> byKey = group(records, r -> r.event().caller());
        return new AuditReport.Spend(byDay, group(records, AuditRecord::vendor),
                group(records, r -> r.event().upstreamModel()), byKey, group(records, r -> r.event().facts().team()),
                byTag(records), byKey.subList(0, Math.min(TOP, byKey.size())), trend(byDay));
    }

    private static LocalDate day(Instant t) {
        return t.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    private static List<Group> group(List<AuditRecord> records, Function<AuditRecord, String> key) {
        Map<String, long[]> acc = new LinkedHashMap<>();
        for (AuditRecord r : records) {
            String k = key.apply(r);
            add(acc, k == null || k.isBlank() ? NONE : k, r.event());
        }
        return rows(acc, true);
    }

    /** A request with several tags counts fully under each of them. */
    private static List<Group> byTag(List<AuditRecord> records) {
        Map<String, long[]> acc = new LinkedHashMap<>();
        for (AuditRecord r : records) {
            String tags = r.event().facts().tags();
            if (tags == null || tags.isBlank()) {
                add(acc, NONE, r.event());
                continue;
            }
            for (String t : tags.split(",")) {
                if (!t.isBlank()) {
                    add(acc, t.strip(), r.event());
                }
            }
        }
        return rows(acc, true);
    }

    private static void add(Map<String, long[]> acc, String key, UsageEvent e) {
        long[] a = acc.computeIfAbsent(key, k -> new long[4]);
        a[0]++;
        a[1] += e.inputTokens();
        a[2] += e.outputTokens();
        a[3] += e.costNanos();
    }

    private static List<Group> rows(Map<String, long[]> acc, boolean byCost) {
        List<Group> out = new ArrayList<>();
        acc.forEach((k, a) -> out.add(new Group(k, a[0], a[1], a[2], a[3])));
        if (byCost) {
            out.sort(Comparator.comparingLong(Group::costNanos).reversed().thenComparing(Group::key));
        }
        return List.copyOf(out);
    }

    /** The last 7 calendar days (ending on the last day seen) against the 7 before. */
    static AuditReport.Trend trend(List<Group> byDay) {
        if (byDay.isEmpty()) {
            return new AuditReport.Trend(null, 0, 0, null);
        }
        LocalDate last = LocalDate.parse(byDay.get(byDay.size() - 1).key());
        long last7 = 0, prior7 = 0;
        for (Group g : byDay) {
            long age = last.toEpochDay() - LocalDate.parse(g.key()).toEpochDay();
            if (age < 7) {
                last7 += g.costNanos();
            } else if (age < 14) {
                prior7 += g.costNanos();
            }
        }
        BigDecimal change = prior7 == 0 ? null : BigDecimal.valueOf(last7 - prior7).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(prior7), 1, RoundingMode.HALF_UP);
        return new AuditReport.Trend(last, last7, prior7, change);
    }

    /**
     * Every chat request with tokens is repriced on {@link Repricer#replacement}; when that is not cheaper the
     * request keeps today's cost. Embeddings and requests without tokens keep today's cost.
     */
    static AuditReport.Savings savings(List<AuditRecord> records, Repricer repricer) {
        Map<String, long[]> acc = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> picks = new HashMap<>();
        long current = 0, projected = 0;
        for (AuditRecord r : records) {
            UsageEvent e = r.event();
            String alias = e.alias() == null ? NONE : e.alias();
            long now = e.costNanos();
            long then = now;
            String pick = "keep";
            if (r.isChat() && e.inputTokens() + e.outputTokens() > 0) {
                var alt = repricer.replacement(r);
                if (alt.isPresent() && alt.get().costNanos() < now) {
                    then = alt.get().costNanos();
                    pick = alt.get().label();
                }
            }
            long[] a = acc.computeIfAbsent(alias, k -> new long[3]);
            a[0]++;
            a[1] += now;
            a[2] += then;
            picks.computeIfAbsent(alias, k -> new HashMap<>()).merge(pick, 1, Integer::sum);
            current += now;
            projected += then;
        }
        List<AliasSaving> rows = new ArrayList<>();
        acc.forEach((alias, a) -> rows.add(new AliasSaving(alias, a[0], a[1], a[2], a[1] - a[2],
                mostFrequent(picks.get(alias)))));
        rows.sort(Comparator.comparingLong(AliasSaving::savingNanos).reversed().thenComparing(AliasSaving::alias));
        return new AuditReport.Savings(current, projected, current - projected, List.copyOf(rows), SAVINGS_NOTE);
    }

    private static String mostFrequent(Map<String, Integer> counts) {
        String best = "keep";
        int n = -1;
        for (Map.Entry<String, Integer> e : new TreeMap<>(counts).entrySet()) {
            if (e.getValue() > n) {
                best = e.getKey();
                n = e.getValue();
            }
        }
        return best;
    }
}
