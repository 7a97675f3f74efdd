package dev.freeport.front;

import java.util.List;

/**
 * A model alias as the model-list endpoints show it.
 *
 * @param targets   where the alias routes (provider, upstream model, circuit state); empty unless the
 *                  caller is an admin (the flow decides)
 * @param matches   the patterns of other model names that route here ({@code claude-*}); empty when none
 * @param isDefault whether names that match nothing else route here
 */
public record ModelEntry(String alias, String description, String strategy, boolean simulated,
                         List<Target> targets, List<String> matches, boolean isDefault) {

    public ModelEntry {
        targets = List.copyOf(targets);
        matches = matches == null ? List.of() : List.copyOf(matches);
    }

    public ModelEntry(String alias, String description, String strategy, boolean simulated, List<Target> targets) {
        this(alias, description, strategy, simulated, targets, List.of(), false);
    }

    public record Target(String provider, String model, boolean simulated, String circuit) {
    }
}
