package dev.freeport.route.drill;

import dev.freeport.route.AliasRoute;

import java.util.List;

/**
 * An alias and its targets in configured order, as the outage drill sees it: the first target left after the
 * vendor's are removed is where its traffic would go.
 */
public record DrillRoute(String alias, List<DrillTarget> targets) {

    public DrillRoute {
        targets = List.copyOf(targets);
    }

    /** The drill's view of a live alias route. */
    public static DrillRoute of(AliasRoute route) {
        return new DrillRoute(route.alias(), route.targets().stream().map(DrillTarget::of).toList());
    }
}
