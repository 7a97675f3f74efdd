package dev.freeport.lab;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Where a candidate falls short, in words: each cluster of similar prompts with at least {@link #MIN_PAIRS}
 * compared pairs whose share as good or better is under 90 % and under the candidate's overall share, worst first,
 * with what its requests mostly are (kind, team: when at least {@link #MOSTLY} of them share it) and the check the
 * candidate most often newly fails there: {@code fails on json requests from team search: “Extract the invoice
 * fields …” (4 of 20 as good, 20.0 %; mostly bad_json)}.
 */
final class Shortfalls {
    static final int MIN_PAIRS = 3;
    static final double MOSTLY = 0.6;

    /** One compared pair as this needs it; {@code newFailures}: checks the candidate failed and the incumbent passed. */
    record Pair(String cluster, String kind, String team, boolean asGood, List<String> newFailures) {
    }

    private Shortfalls() {
    }

    static List<String> of(List<Pair> pairs, double overall) {
        Map<String, List<Pair>> byCluster = new TreeMap<>();
        pairs.forEach(p -> byCluster.computeIfAbsent(p.cluster(), k -> new ArrayList<>()).add(p));
        record Short(String line, double share) {
        }
        List<Short> out = new ArrayList<>();
        byCluster.forEach((cluster, ps) -> {
            long good = ps.stream().filter(Pair::asGood).count();
            double share = (double) good / ps.size();
            if (ps.size() < MIN_PAIRS || share >= 0.9 || share >= overall) {
                return;
            }
            String kind = mostly(ps, Pair::kind);
            String team = mostly(ps, Pair::team);
            String failure = top(ps.stream().flatMap(p -> p.newFailures().stream()).toList());
            out.add(new Short("fails on " + (kind == null ? "" : kind + " ") + "requests" + (team == null ? ""
                    : " from team " + team) + ": " + cluster + String.format(Locale.ROOT, " (%d of %d as good, %.1f"
                    + " %%%s)", good, ps.size(), 100 * share, failure == null ? "" : "; mostly " + failure), share));
        });
        return out.stream().sorted(Comparator.comparingDouble(Short::share)).map(Short::line).toList();
    }

    /** The value at least {@link #MOSTLY} of the pairs share, or null. */
    private static String mostly(List<Pair> ps, Function<Pair, String> key) {
        Map<String, Integer> n = new LinkedHashMap<>();
        ps.forEach(p -> {
            if (key.apply(p) != null) {
                n.merge(key.apply(p), 1, Integer::sum);
            }
        });
        return n.entrySet().stream().filter(e -> e.getValue() >= MOSTLY * ps.size()).map(Map.Entry::getKey)
                .findFirst().orElse(null);
    }

    private static String top(List<String> values) {
        Map<String, Integer> n = new TreeMap<>();
        values.forEach(v -> n.merge(v, 1, Integer::sum));
        return n.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }
}
