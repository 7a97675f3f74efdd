package dev.freeport.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.lab.Checks.Failure;
import dev.freeport.lab.MigrationReport.Candidate;
import dev.freeport.lab.MigrationReport.Example;
import dev.freeport.lab.MigrationReport.Group;
import dev.freeport.lab.MigrationReport.Interval;
import dev.freeport.lab.MigrationReport.Latency;
import dev.freeport.lab.MigrationReport.Rates;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds a {@link MigrationReport} from the lab's samples and results: each (incumbent, candidate) pair of answers
 * through {@link Checks}, shares with Wilson score intervals, latency percentiles, exact cost sums, the projected
 * saving on the alias's ledger volume, slices by team, key, kind of request and cluster of similar prompts
 * ({@link PromptClusters}) with the clusters where the candidate falls short ({@link Shortfalls}), the worst examples and a one-line
 * routing suggestion. Pure.
 */
public final class ReportBuilder {
    /** z of a two-sided 95 % interval. */
    static final double Z95 = 1.959964;
    static final int WORST = 5;
    private static final int SNIPPET = 400;

    private ReportBuilder() {
    }

    /** One compared pair. */
    private record Pair(LabSample sample, LabResult result, Set<Failure> incumbent, Set<Failure> candidate,
                        Verdict verdict, boolean asGood, String kind) {
    }

    /** How alike two answers' texts are, in [-1, 1]; {@link #NO_SIMILARITY} leaves agreement out. */
    public interface Similarity {
        double of(String a, String b);
    }

    public static final Similarity NO_SIMILARITY = null;

    /** A prompt's embedding ({@link PromptClusters}); {@link #NO_CLUSTERS} leaves the clusters out. */
    public interface Embedding {
        float[] of(String text);
    }

    public static final Embedding NO_CLUSTERS = null;

    public static MigrationReport build(String alias, long sinceMillis, List<LabSample> samples,
                                        List<LabResult> results, MigrationReport.Volume volume) {
        return build(alias, sinceMillis, samples, results, List.of(), volume, NO_SIMILARITY);
    }

    public static MigrationReport build(String alias, long sinceMillis, List<LabSample> samples,
                                        List<LabResult> results, List<Verdict> verdicts,
                                        MigrationReport.Volume volume, Similarity similarity) {
        return build(alias, sinceMillis, samples, results, verdicts, volume, similarity, NO_CLUSTERS);
    }

    public static MigrationReport build(String alias, long sinceMillis, List<LabSample> samples,
                                        List<LabResult> results, List<Verdict> verdicts,
                                        MigrationReport.Volume volume, Similarity similarity, Embedding embedding) {
        Map<String, Verdict> judged = new HashMap<>();
        verdicts.forEach(v -> judged.put(v.sampleId() + "\n" + v.candidate(), v));
        Map<String, LabSample> byId = new HashMap<>();
        samples.forEach(s -> byId.put(s.id(), s));
        Map<String, List<LabResult>> byCandidate = new TreeMap<>();
        for (LabResult r : results) {
            if (byId.containsKey(r.sampleId())) {
                byCandidate.computeIfAbsent(r.candidate(), k -> new ArrayList<>()).add(r);
            }
        }
        Map<String, String> clusters = Map.of();
        if (embedding != null) {
            Map<String, String> prompts = new LinkedHashMap<>();
            results.stream().map(LabResult::sampleId).filter(byId::containsKey).distinct().sorted()
                    .forEach(id -> prompts.put(id, lastUser(byId.get(id).request())));
            clusters = PromptClusters.of(prompts, embedding::of);
        }
        Map<String, String> clusterOf = clusters;
        List<Candidate> out = new ArrayList<>();
        byCandidate.forEach((name, rs) -> out.add(candidate(alias, name, rs, byId, judged, volume,
                similarity, clusterOf)));
        return new MigrationReport(alias, sinceMillis, samples.size(), volume, out);
    }

    private static Candidate candidate(String alias, String name, List<LabResult> results,
                                       Map<String, LabSample> samples, Map<String, Verdict> verdicts,
                                       MigrationReport.Volume volume, Similarity similarity,
                                       Map<String, String> clusterOf) {
        List<Pair> pairs = new ArrayList<>();
        int refused = 0;
        int failed = 0;
        for (LabResult r : results) {
            LabSample s = samples.get(r.sampleId());
            if (s.primary() == null || !s.primary().ok()) {
                continue; // nothing to compare against
            }
            if (LabAnswer.REFUSED.equals(r.answer().status())) {
                refused++;
                continue;
            }
            Set<Failure> inc = Checks.of(s.request(), s.primary().body());
            Set<Failure> cand = r.answer().ok() ? Checks.of(s.request(), r.answer().body()) : Set.of(Failure.EMPTY);
            if (!r.answer().ok()) {
                failed++;
            }
            Verdict v = verdicts.get(s.id() + "\n" + r.candidate());
            boolean asGood = r.answer().ok() && inc.containsAll(cand) && (v == null || v.verdict() != Verdict.Kind.WORSE);
            pairs.add(new Pair(s, r, inc, cand, v, asGood, kind(s.request())));
        }
        int asGood = (int) pairs.stream().filter(Pair::asGood).count();
        Map<String, Rates> rates = new LinkedHashMap<>();
        for (Failure f : Failure.values()) {
            long c = pairs.stream().filter(p -> p.result.answer().ok() && p.candidate.contains(f)).count();
            long i = pairs.stream().filter(p -> p.incumbent.contains(f)).count();
            rates.put(f.label(), new Rates(ratio(c, pairs.size()), ratio(i, pairs.size())));
        }
        List<Pair> both = pairs.stream().filter(p -> p.result.answer().ok()).toList();
        long costNanos = both.stream().mapToLong(p -> p.result.answer().costNanos()).sum();
        long incCostNanos = both.stream().mapToLong(p -> p.sample.primary().costNanos()).sum();
        long saving = incCostNanos == 0 ? 0 : BigInteger.valueOf(volume.costNanos())
                .multiply(BigInteger.valueOf(incCostNanos - costNanos))
                .divide(BigInteger.valueOf(incCostNanos)).longValueExact();
        Interval interval = wilson(asGood, pairs.size());
        Map<String, Group> byKind = groups(pairs, Pair::kind);
        return new Candidate(name, pairs.size(), failed, refused, asGood, interval, rates,
                latency(both.stream().map(p -> p.result.answer()).toList()),
                latency(both.stream().map(p -> p.sample.primary()).toList()), costNanos, incCostNanos, both.size(),
                saving, groups(pairs, p -> p.sample.team() == null ? "(no team)" : p.sample.team()),
                groups(pairs, p -> p.sample.caller() == null ? "(unknown)" : p.sample.caller()), byTag(pairs), byKind,
                clusterOf.isEmpty() ? Map.of() : groups(pairs, p -> clusterOf.get(p.sample.id())),
                clusterOf.isEmpty() ? List.of() : Shortfalls.of(pairs.stream().map(p -> new Shortfalls.Pair(
                        clusterOf.get(p.sample.id()), p.kind, p.sample.team(), p.asGood,
                        newFailures(p).stream().map(Failure::label).toList())).toList(), ratio(asGood, pairs.size())),
                agreement(both, similarity), judged(pairs), worst(pairs), suggestion(alias, name, pairs.size(), asGood, interval, byKind, saving));
    }

    private static MigrationReport.Judged judged(List<Pair> pairs) {
        int better = 0;
        int same = 0;
        int worse = 0;
        long cost = 0;
        for (Pair p : pairs) {
            if (p.verdict == null) {
                continue;
            }
            cost += p.verdict.costNanos();
            switch (p.verdict.verdict()) {
                case BETTER -> better++;
                case SAME -> same++;
                case WORSE -> worse++;
            }
        }
        return new MigrationReport.Judged(better + same + worse, better, same, worse, cost);
    }

    private static MigrationReport.Agreement agreement(List<Pair> both, Similarity similarity) {
        if (similarity == null) {
            return null;
        }
        double[] sims = both.stream().mapToDouble(p -> similarity.of(ShadowCall.text(p.sample.primary().body()),
                ShadowCall.text(p.result.answer().body()))).sorted().toArray();
        List<Integer> bands = new ArrayList<>(java.util.Collections.nCopies(MigrationReport.Agreement.BOUNDS.size()
                + 1, 0));
        for (double d : sims) {
            int band = 0;
            while (band < MigrationReport.Agreement.BOUNDS.size() && d >= MigrationReport.Agreement.BOUNDS.get(band)) {
                band++;
            }
            bands.set(band, bands.get(band) + 1);
        }
        double median = sims.length == 0 ? 0 : sims[(sims.length - 1) / 2];
        return new MigrationReport.Agreement(sims.length, Math.round(median * 10_000) / 10_000.0, bands);
    }

    /** What kind of request a sample is: "json" (asks for JSON output), "tools" (offers tools) or "text". */
    static String kind(ObjectNode request) {
        return Checks.asksForJson(request) ? "json" : Checks.offersTools(request) ? "tools" : "text";
    }

    private static Map<String, Group> groups(List<Pair> pairs, java.util.function.Function<Pair, String> key) {
        return groupsOf(pairs, p -> List.of(key.apply(p)));
    }

    private static Map<String, Group> groupsOf(List<Pair> pairs,
                                               java.util.function.Function<Pair, List<String>> keys) {
        Map<String, int[]> counts = new TreeMap<>();
        for (Pair p : pairs) {
            for (String key : keys.apply(p)) {
                int[] c = counts.computeIfAbsent(key, k -> new int[2]);
                c[0]++;
                if (p.asGood) {
                    c[1]++;
                }
            }
        }
        Map<String, Group> out = new LinkedHashMap<>();
        counts.forEach((k, c) -> out.put(k, new Group(c[0], c[1], wilson(c[1], c[0]))));
        return out;
    }

    /** By the caller's tags: a pair counts under each of its tags, "(no tag)" when it has none. */
    private static Map<String, Group> byTag(List<Pair> pairs) {
        return groupsOf(pairs, p -> p.sample.tags() == null || p.sample.tags().isBlank() ? List.of("(no tag)")
                : java.util.Arrays.stream(p.sample.tags().split(",")).map(String::strip).distinct().toList());
    }

    /** The pairs where the candidate did worst: most checks failed that the incumbent passed. */
    private static List<Example> worst(List<Pair> pairs) {
        return pairs.stream().filter(p -> !p.asGood)
                .sorted(Comparator.comparingInt((Pair p) -> -newFailures(p).size()
                                - (p.verdict != null && p.verdict.verdict() == Verdict.Kind.WORSE ? 1 : 0))
                        .thenComparing(p -> p.sample.id()))
                .limit(WORST)
                .map(p -> new Example(p.sample.id(), snippet(lastUser(p.sample.request())),
                        snippet(ShadowCall.text(p.sample.primary().body())),
                        p.result.answer().ok() ? snippet(ShadowCall.text(p.result.answer().body()))
                                : "(failed: " + p.result.answer().error() + ")",
                        newFailures(p).stream().map(Failure::label).toList(),
                        p.verdict == null ? null : p.verdict.verdict().label() + ": " + p.verdict.reason()))
                .toList();
    }

    private static List<Failure> newFailures(Pair p) {
        return p.candidate.stream().filter(f -> !p.incumbent.contains(f)).toList();
    }

    /** The one-line routing change the evidence supports. */
    static String suggestion(String alias, String candidate, int compared, int asGood, Interval ci,
                             Map<String, Group> byKind, long saving) {
        String money = saving > 0 ? ", saving about " + usd(saving) + " a month" : "";
        if (compared == 0) {
            return "no evidence yet: shadow or replay requests of " + alias + " against " + candidate;
        }
        if (ci.low() >= 0.95) {
            return "move " + alias + " to " + candidate + " (as good or better on " + pct(asGood, compared)
                    + ", 95% CI " + pct(ci.low()) + "-" + pct(ci.high()) + money + ")";
        }
        List<String> passed = byKind.entrySet().stream().filter(e -> e.getValue().interval().low() >= 0.9)
                .map(Map.Entry::getKey).toList();
        if (!passed.isEmpty() && passed.size() < byKind.size()) {
            return "route " + String.join(" and ", passed) + " requests of " + alias + " to " + candidate
                    + " and keep the others on the incumbent (e.g. a complexity route with " + candidate
                    + " as its light target)";
        }
        if ((double) asGood / compared >= 0.95) {
            return "not enough evidence yet to move " + alias + " to " + candidate + ": as good or better on "
                    + pct(asGood, compared) + " of " + compared + " requests, but the 95% CI starts at "
                    + pct(ci.low()) + "; shadow or replay more requests until it reaches 95%" + money;
        }
        return "keep " + alias + " on its incumbent: " + candidate + " is as good or better on only "
                + pct(asGood, compared) + " (95% CI " + pct(ci.low()) + "-" + pct(ci.high()) + ")";
    }

    /** Wilson score interval of x successes in n at 95 %. */
    static Interval wilson(int x, int n) {
        if (n == 0) {
            return new Interval(0, 1);
        }
        double p = (double) x / n;
        double z2 = Z95 * Z95;
        double denom = 1 + z2 / n;
        double center = (p + z2 / (2.0 * n)) / denom;
        double half = Z95 / denom * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return new Interval(Math.max(0, center - half), Math.min(1, center + half));
    }

    static Latency latency(List<LabAnswer> answers) {
        long[] total = answers.stream().mapToLong(LabAnswer::latencyMillis).sorted().toArray();
        long[] ttft = answers.stream().filter(a -> a.ttftMillis() != null).mapToLong(LabAnswer::ttftMillis).sorted()
                .toArray();
        return new Latency(rank(total, 50), rank(total, 95), rank(total, 99), ttft.length == 0 ? null
                : rank(ttft, 50));
    }

    private static long rank(long[] sorted, int percentile) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static double ratio(long x, long n) {
        return n == 0 ? 0 : (double) x / n;
    }

    static String lastUser(JsonNode request) {
        String last = "";
        for (JsonNode m : request.path("messages")) {
            if ("user".equals(m.path("role").asText())) {
                JsonNode c = m.path("content");
                last = c.isTextual() ? c.textValue() : c.toString();
            }
        }
        return last;
    }

    private static String snippet(String s) {
        return s == null ? "" : s.length() <= SNIPPET ? s : s.substring(0, SNIPPET) + " …";
    }

    static String pct(int x, int n) {
        return pct(n == 0 ? 0 : (double) x / n);
    }

    static String pct(double share) {
        return String.format(java.util.Locale.ROOT, "%.1f%%", share * 100);
    }

    /** Every digit down to the nano-dollar: per-request costs are fractions of a cent. */
    static String usdExact(long nanos) {
        return "$" + java.math.BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString();
    }

    static String usd(long nanos) {
        return "$" + java.math.BigDecimal.valueOf(nanos, 9).setScale(2, java.math.RoundingMode.HALF_UP)
                .toPlainString();
    }
}
