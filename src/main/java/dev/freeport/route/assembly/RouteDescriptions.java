package dev.freeport.route.assembly;

import dev.freeport.catalog.PriceCatalog;
import dev.freeport.config.FreeportConfig;
import dev.freeport.config.ModelConfig;
import dev.freeport.config.ProviderConfig;
import dev.freeport.config.TargetConfig;
import dev.freeport.route.drill.DrillRoute;
import dev.freeport.route.drill.DrillTarget;

import java.util.ArrayList;
import java.util.List;

/**
 * The config's aliases and targets with the price and vendor the gateway would give them
 * ({@link GatewayRuntime#build} decides both the same way), without a Vert.x instance or upstream client: what
 * offline tools such as {@code freeport drill} need.
 */
public final class RouteDescriptions {

    private RouteDescriptions() {
    }

    /** Every alias of the config, in config order, each with its targets in fallback order for its strategy. */
    public static List<DrillRoute> describe(FreeportConfig config, PriceCatalog catalog) {
        List<DrillRoute> routes = new ArrayList<>();
        for (ModelConfig mc : config.models()) {
            List<DrillTarget> targets = new ArrayList<>();
            List<Integer> weights = new ArrayList<>();
            for (TargetConfig tc : mc.targets()) {
                ProviderConfig pc = config.providers().get(tc.provider());
                if (pc == null) {
                    continue; // the loader rejects this; stay total for hand-built configs
                }
                targets.add(new DrillTarget(pc.name(), tc.model(), Profiles.profileFor(catalog, pc, tc).vendor(),
                        Pricing.priceFor(config, catalog, pc, tc)));
                weights.add(tc.weight());
            }
            routes.add(new DrillRoute(mc.name(), DrillRoute.fallbackOrder(mc.strategy(), targets, weights)));
        }
        return routes;
    }
}
