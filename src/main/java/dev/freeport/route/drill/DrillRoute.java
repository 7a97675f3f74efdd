package dev.freeport.route.drill;

import dev.freeport.config.ModelConfig;
import dev.freeport.route.AliasRoute;

import java.util.List;

/**
 * An alias and its targets in the order its strategy would fall back through them, as the outage drill sees it:
 * the first target left after the vendor's are removed is where its traffic would go. See {@link #fallbackOrder}.
 */
public record DrillRoute(String alias, List<DrillTarget> targets) {

    /**
     * The targets in the order traffic would move to them: cheapest first for CHEAPEST (list input + output price
     * per million tokens; unpriced last), heaviest first for WEIGHTED, configured order otherwise (ordered; the
     * measured strategies fastest and least-busy; complexity, whose order depends on each request).
     */
    public static List<DrillTarget> fallbackOrder(ModelConfig.Strategy strategy, List<DrillTarget> targets,
                                                  List<Integer> weights) {
        List<Integer> idx = new java.util.ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            idx.add(i);
        }
        if (strategy == ModelConfig.Strategy.CHEAPEST) {
            idx.sort(java.util.Comparator.comparing(i -> listPrice(targets.get(i)),
                    java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())));
        } else if (strategy == ModelConfig.Strategy.WEIGHTED) {
            idx.sort((a, b) -> Integer.compare(weights.get(b), weights.get(a)));
        }
        return idx.stream().map(targets::get).toList();
    }

    private static java.math.BigDecimal listPrice(DrillTarget t) {
        if (t.price() == null || t.price().inputPerMTok() == null || t.price().outputPerMTok() == null) {
            return null;
        }
        return t.price().inputPerMTok().add(t.price().outputPerMTok());
    }

    public DrillRoute {
        targets = List.copyOf(targets);
    }

    /** The drill's view of a live alias route. */
    public static DrillRoute of(AliasRoute route) {
        return new DrillRoute(route.alias(), fallbackOrder(route.strategy(), route.targets().stream()
                .map(DrillTarget::of).toList(), route.targets().stream().map(t -> t.weight()).toList()));
    }
}
