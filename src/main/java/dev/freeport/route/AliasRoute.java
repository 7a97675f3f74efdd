package dev.freeport.route;

import dev.freeport.config.ModelConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * An alias and its targets. {@link #plan} orders the targets for one request: ORDERED keeps the configured
 * order; WEIGHTED draws the first target by weight and puts the rest after it by descending weight, so they
 * remain fallbacks.
 */
public record AliasRoute(String alias, ModelConfig.Strategy strategy, List<Target> targets, String description,
                         boolean simulated) {

    public List<Target> plan(RandomGenerator random) {
        if (strategy == ModelConfig.Strategy.ORDERED || targets.size() == 1) {
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
