package dev.freeport.route;

import dev.freeport.catalog.ModelPrice;
import dev.freeport.config.ModelConfig.Strategy;
import dev.freeport.route.RoutePlanner.Needs;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * The eligible targets of one request in the order of its alias's strategy (ordered, weighted, cheapest, fastest,
 * least busy, complexity), each with what it was ranked by ("est. $0.000120", "ttft 180 ms", "2 in flight") for the
 * decision: the planner's last step, once every target was checked ({@link RoutePlanner}).
 */
record Ordered(List<Target> targets, List<String> metrics) {
    /** the metrics of one target ranked by nothing */
    private static final List<String> ONE_BLANK = List.of("");

    /**
     * {@code eligible} in the order of the alias's strategy; {@code exploration}: how often the FASTEST strategy lets
     * a random target lead.
     */
    static Ordered by(AliasRoute route, List<Target> eligible, RoutePlanner.Request req, RandomGenerator random,
                      double exploration) {
        Strategy s = route.strategy();
        if (eligible.size() == 1 && s != Strategy.CHEAPEST && s != Strategy.FASTEST && s != Strategy.LEAST_BUSY) {
            return new Ordered(eligible, ONE_BLANK);
        }
        return switch (s) {
            case ORDERED -> new Ordered(eligible, blank(eligible));
            case WEIGHTED -> {
                List<Target> w = AliasRoute.weighted(eligible, random);
                yield new Ordered(w, w.stream().map(t -> "weight " + t.weight()).toList());
            }
            case CHEAPEST -> byCost(eligible, req.needs());
            case FASTEST -> byLatency(eligible, req.needs(), random, exploration);
            case LEAST_BUSY -> byLoad(eligible);
            case COMPLEXITY -> byRole(route, eligible, req.complexity());
        };
    }

    private static List<String> blank(List<Target> l) {
        return l.stream().map(t -> "").toList();
    }

    /** Estimated cost of this request on each target, cheapest first; unknown prices last, in config order. */
    private static Ordered byCost(List<Target> eligible, Needs n) {
        record Priced(Target t, BigDecimal usd) {
        }
        List<Priced> priced = new ArrayList<>();
        for (Target t : eligible) {
            priced.add(new Priced(t, estimateUsd(t.price(), n)));
        }
        priced.sort(Comparator.comparing(Priced::usd, Comparator.nullsLast(Comparator.naturalOrder())));
        return new Ordered(priced.stream().map(Priced::t).toList(), priced.stream().map(p -> p.usd == null
                ? "price unknown" : "est. $" + p.usd.setScale(6, java.math.RoundingMode.HALF_UP).toPlainString())
                .toList());
    }

    /** USD for the prompt's tokens and the expected output at the target's list prices; null when unpriced. */
    static BigDecimal estimateUsd(ModelPrice p, Needs n) {
        if (p == null || p.inputPerMTok() == null || p.outputPerMTok() == null) {
            return null;
        }
        long out = n.outputTokens() > 0 ? n.outputTokens() : TargetStats.TYPICAL_OUTPUT;
        return p.inputPerMTok().multiply(BigDecimal.valueOf(n.promptTokens()))
                .add(p.outputPerMTok().multiply(BigDecimal.valueOf(out)))
                .divide(BigDecimal.valueOf(1_000_000));
    }

    /**
     * Lowest expected latency first (first token + expected output at the target's speed). Targets never observed
     * go first (they must be measured once); with probability {@code exploration} a random target leads instead,
     * so a target that recovered is noticed.
     */
    private static Ordered byLatency(List<Target> eligible, Needs n, RandomGenerator random,
                                     double exploration) {
        long out = n.outputTokens() > 0 ? Math.min(n.outputTokens(), 1024) : TargetStats.TYPICAL_OUTPUT;
        // snapshot the averages: other event loops update them while we sort
        java.util.Map<Target, Double> expected = new java.util.HashMap<>();
        for (Target t : eligible) {
            double ms = t.stats().expectedMillis(out);
            expected.put(t, Double.isNaN(ms) ? -1 : ms);
        }
        List<Target> sorted = new ArrayList<>(eligible);
        sorted.sort(Comparator.comparingDouble(expected::get));
        String lead = null;
        if (sorted.size() > 1 && expected.get(sorted.get(0)) >= 0 && random.nextDouble() < exploration) {
            Target pick = sorted.remove(1 + random.nextInt(sorted.size() - 1));
            sorted.add(0, pick);
            lead = "exploring";
        }
        List<String> metrics = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            TargetStats s = sorted.get(i).stats();
            String m = Double.isNaN(s.ttftMillis()) ? "not measured yet" : String.format(Locale.ROOT,
                    "ttft %.0f ms%s, expect %.0f ms", s.ttftMillis(), Double.isNaN(s.tokensPerSecond()) ? ""
                            : String.format(Locale.ROOT, ", %.0f tok/s", s.tokensPerSecond()), s.expectedMillis(out));
            metrics.add(i == 0 && lead != null ? m + " (" + lead + ")" : m);
        }
        return new Ordered(sorted, metrics);
    }

    /** Fewest requests in flight per unit of weight first; ties keep config order. */
    private static Ordered byLoad(List<Target> eligible) {
        List<Target> sorted = new ArrayList<>(eligible);
        int[] snapshot = new int[sorted.size()];
        for (int i = 0; i < sorted.size(); i++) {
            snapshot[i] = sorted.get(i).stats().inFlight();
        }
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            idx.add(i);
        }
        idx.sort(Comparator.comparingDouble(i -> (double) snapshot[i] / sorted.get(i).weight()));
        return new Ordered(idx.stream().map(sorted::get).toList(), idx.stream().map(i -> snapshot[i]
                + " in flight").toList());
    }

    /** Hard requests: strong targets first, then light ones as fallbacks; easy requests the other way round. */
    private static Ordered byRole(AliasRoute route, List<Target> eligible, RouteDecision.Complexity c) {
        boolean hard = c == null || c.hard();
        List<Target> first = new ArrayList<>();
        List<Target> then = new ArrayList<>();
        for (Target t : eligible) {
            (route.strong(t) == hard ? first : then).add(t);
        }
        first.addAll(then);
        return new Ordered(first, first.stream().map(t -> route.strong(t) ? "strong" : "light").toList());
    }
}
