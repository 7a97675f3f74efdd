package dev.freeport.front;

import java.util.List;

/**
 * A model alias as the model-list endpoints show it.
 *
 * @param targets where the alias routes (provider, upstream model, circuit state); empty unless the caller is an
 *                admin (the flow decides)
 */
public record ModelEntry(String alias, String description, String strategy, boolean simulated,
                         List<Target> targets) {

    public ModelEntry {
        targets = List.copyOf(targets);
    }

    public record Target(String provider, String model, boolean simulated, String circuit) {
    }
}
