package dev.freeport.route.assembly;

import dev.freeport.config.ModelConfig;
import dev.freeport.config.TargetConfig;
import dev.freeport.route.AliasRoute;
import dev.freeport.route.Target;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * The routes of provider wildcards ({@code name: "deepseek/*"}), made for each requested name: a target model's
 * {@code *} becomes the rest of the name ({@code deepseek/deepseek-chat} → {@code deepseek-chat}), and price and
 * profile come from the catalog for that model, as for a configured target. Callers choose the names, so at most
 * {@value #MAX_NAMES} routes are kept (with breakers and statistics kept across reloads); past that, routes are made
 * per request with breakers and statistics of their own.
 */
final class WildcardRoutes {
    static final int MAX_NAMES = 1000;

    private final BiFunction<TargetConfig, Boolean, Target> targets;
    private final Map<String, AliasRoute> routes = new ConcurrentHashMap<>();

    /** @param targets makes a target; its flag: keep its breaker and statistics across reloads */
    WildcardRoutes(BiFunction<TargetConfig, Boolean, Target> targets) {
        this.targets = targets;
    }

    AliasRoute route(ModelConfig wildcard, String requested, String rest) {
        AliasRoute known = routes.get(requested);
        if (known != null) {
            return known;
        }
        boolean keep = routes.size() < MAX_NAMES;
        AliasRoute made = make(wildcard, requested, rest, keep);
        if (keep) {
            AliasRoute raced = routes.putIfAbsent(requested, made);
            return raced != null ? raced : made;
        }
        return made;
    }

    private AliasRoute make(ModelConfig wildcard, String requested, String rest, boolean keep) {
        List<Target> list = new ArrayList<>();
        boolean simulated = true;
        for (TargetConfig tc : wildcard.targets()) {
            TargetConfig concrete = new TargetConfig(tc.provider(), tc.model().replace("*", rest), tc.weight(),
                    tc.price(), tc.role(), tc.capabilities());
            Target t = targets.apply(concrete, keep);
            simulated &= t.provider().simulated();
            list.add(t);
        }
        return new AliasRoute(requested, wildcard.strategy(), list, wildcard.description(), simulated, Set.of(),
                wildcard.strongShare());
    }
}
