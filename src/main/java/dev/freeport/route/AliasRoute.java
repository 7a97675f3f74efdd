package dev.freeport.route;

import dev.freeport.config.AliasFallbacks;
import dev.freeport.config.ModelConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * An alias and its targets, with the strategy that orders them for a request ({@link RoutePlanner} does the
 * ordering). {@code strongTargets} are the targets with role strong (COMPLEXITY strategy), {@code strongShare}
 * the share of typical traffic its threshold sends to them. {@code fallbacks} names other aliases to fall back to
 * ({@link RoutePlanner#plan(AliasRoute, java.util.function.Function, RoutePlanner.Request, RandomGenerator, long)}).
 */
public record AliasRoute(String alias, ModelConfig.Strategy strategy, List<Target> targets, String description,
                         boolean simulated, Set<Target> strongTargets, double strongShare, AliasFallbacks fallbacks) {

    public AliasRoute {
        targets = List.copyOf(targets);
        strongTargets = strongTargets == null ? Set.of() : Set.copyOf(strongTargets);
        fallbacks = fallbacks == null ? AliasFallbacks.NONE : fallbacks;
    }

    public AliasRoute(String alias, ModelConfig.Strategy strategy, List<Target> targets, String description,
                      boolean simulated, Set<Target> strongTargets, double strongShare) {
        this(alias, strategy, targets, description, simulated, strongTargets, strongShare, null);
    }

    public AliasRoute(String alias, ModelConfig.Strategy strategy, List<Target> targets, String description,
                      boolean simulated) {
        this(alias, strategy, targets, description, simulated, Set.of(), ModelConfig.DEFAULT_STRONG_SHARE);
    }

    public boolean strong(Target t) {
        return strongTargets.contains(t);
    }

    /** The first target drawn by weight, the rest after it by descending weight (they remain fallbacks). */
    static List<Target> weighted(List<Target> targets, RandomGenerator random) {
        if (targets.size() == 1) {
            return targets;
        }
        int total = 0;
        for (Target t : targets) {
            total += t.weight();
        }
        int draw = random.nextInt(total);
        int chosen = 0;
        for (int i = 0; i < targets.size(); i++) {
            draw -= targets.get(i).weight();
            if (draw < 0) {
                chosen = i;
                break;
            }
        }
        List<Target> ordered = new ArrayList<>(targets.size());
        ordered.add(targets.get(chosen));
        List<Target> rest = new ArrayList<>(targets);
        rest.remove(chosen);
        rest.sort((a, b) -> Integer.compare(b.weight(), a.weight()));
        ordered.addAll(rest);
        return ordered;
    }
}
