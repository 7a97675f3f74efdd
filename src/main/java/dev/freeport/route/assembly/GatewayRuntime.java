package dev.freeport.route.assembly;

import dev.freeport.caller.Authenticator;
import dev.freeport.catalog.FxRates;
import dev.freeport.catalog.ModelPrice;
import dev.freeport.catalog.PriceCatalog;
import dev.freeport.config.FreeportConfig;
import dev.freeport.config.ModelConfig;
import dev.freeport.config.ProviderConfig;
import dev.freeport.config.TargetConfig;
import dev.freeport.guardrails.Guardrails;
import dev.freeport.guardrails.GuardrailsFromConfig;
import dev.freeport.provider.Provider;
import dev.freeport.provider.ProviderFactory;
import dev.freeport.provider.ProviderTypes;
import dev.freeport.route.AliasRoute;
import dev.freeport.route.CircuitBreaker;
import dev.freeport.route.DataClasses;
import dev.freeport.route.Dispatcher;
import dev.freeport.route.ModelNames;
import dev.freeport.route.RoutePlanner;
import dev.freeport.route.RouteState;
import dev.freeport.route.Target;
import dev.freeport.route.TargetStats;
import dev.freeport.route.VendorSwitches;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Everything a request needs that comes from the config: providers, alias routes with their targets and prices,
 * the dispatcher. Immutable; a reload builds a new one and swaps it in, while requests in flight keep the one
 * they started with. Circuit breakers outlive reloads (keyed by provider and model).
 */
public final class GatewayRuntime {
    private final FreeportConfig config;
    private final Map<String, AliasRoute> routes;
    /** each alias requested by its own name, resolved once (most requests name their alias) */
    private final Map<String, Resolved> byName;
    /** an alias's route by its name, for the planner's fallbacks (one function, not one per request) */
    private final Function<String, AliasRoute> routeOf;
    private final Dispatcher dispatcher;
    private final Authenticator authenticator;

    private final RouteState routeState;
    private final RoutePlanner planner;
    private final DataClasses dataClasses;
    private final ModelNames names;
    private final WildcardRoutes wildcards;
    private final Guardrails guardrails;
    /** the configured exchange rates (pricing.fx), for vendors that bill in another currency */
    private final FxRates fx;

    private GatewayRuntime(FreeportConfig config, Map<String, AliasRoute> routes, Dispatcher dispatcher,
                           Authenticator authenticator, RouteState routeState, RoutePlanner planner,
                           DataClasses dataClasses, ModelNames names, WildcardRoutes wildcards) {
        this.guardrails = GuardrailsFromConfig.of(config.guardrails());
        this.config = config;
        this.routes = routes;
        Map<String, Resolved> named = new HashMap<>();
        routes.forEach((alias, route) -> named.put(alias, new Resolved(route,
                new ModelNames.Match(alias, ModelNames.Kind.EXACT, null, null))));
        this.byName = Map.copyOf(named);
        this.routeOf = routes::get;
        this.dispatcher = dispatcher;
        this.authenticator = authenticator;
        this.routeState = routeState;
        this.planner = planner;
        this.dataClasses = dataClasses;
        this.names = names;
        this.wildcards = wildcards;
        this.fx = new FxRates(config.pricing().fx(), "config pricing.fx", config.pricing().fxAsOf());
    }

    /** USD per unit of the currencies the config gives a rate for (pricing.fx). */
    public FxRates fx() {
        return fx;
    }

    /** With fresh routing state around these breakers (tools and tests that need no kill switch or stats). */
    public static GatewayRuntime build(Vertx vertx, FreeportConfig config, ProviderFactory.Services services,
                                       PriceCatalog catalog, Map<String, CircuitBreaker> breakers,
                                       Authenticator authenticator) {
        RouteState fresh = RouteState.fresh(VendorSwitches.NONE, () -> null);
        return build(vertx, config, services, catalog, new RouteState(breakers, fresh.stats(), fresh.concentration(),
                fresh.switches(), fresh.scorer(), fresh.thresholds()), authenticator);
    }

    public static GatewayRuntime build(Vertx vertx, FreeportConfig config, ProviderFactory.Services services,
                                       PriceCatalog catalog, RouteState state, Authenticator authenticator) {
        Map<String, Provider> providers = new LinkedHashMap<>();
        for (ProviderConfig pc : config.providers().values()) {
            providers.put(pc.name(), ProviderTypes.create(pc, services));
        }
        Map<String, AliasRoute> routes = new LinkedHashMap<>();
        for (ModelConfig mc : config.models()) {
            if (mc.wildcard()) {
                continue;   // routes made per requested name (WildcardRoutes)
            }
            List<Target> targets = new ArrayList<>();
            Set<Target> strong = new HashSet<>();
            boolean simulated = true;
            for (TargetConfig tc : mc.targets()) {
                Target t = target(config, catalog, state, providers, tc, true);
                simulated &= t.provider().simulated();
                targets.add(t);
                if (tc.strong()) {
                    strong.add(t);
                }
            }
            routes.put(mc.name(), new AliasRoute(mc.name(), mc.strategy(), targets, mc.description(), simulated,
                    strong, mc.strongShare(), mc.fallbacks()));
        }
        state.concentration().configure(config.routing().caps());
        return new GatewayRuntime(config, Collections.unmodifiableMap(routes),
                new Dispatcher(vertx, config.router()), authenticator, state,
                new RoutePlanner(state.switches(), state.canaries(), state.concentration(),
                        config.routing().exploration()),
                DataClasses.of(config.routing()), ModelNames.of(config.models()),
                new WildcardRoutes((tc, shared) -> target(config, catalog, state, providers, tc, shared)));
    }

    /**
     * One target: its provider, price, profile, and its breaker and stats; {@code shared}: the breaker and stats are
     * the ones kept across reloads under "provider/model" (else fresh ones, for names callers made up).
     */
    private static Target target(FreeportConfig config, PriceCatalog catalog, RouteState state,
                                 Map<String, Provider> providers, TargetConfig tc, boolean shared) {
        ProviderConfig pc = config.providers().get(tc.provider());
        String label = tc.provider() + "/" + tc.model();
        CircuitBreaker breaker = shared ? state.breakers().computeIfAbsent(label, k -> breaker(config, k)) : null;
        ModelPrice price = Pricing.priceFor(config, catalog, pc, tc);
        return new Target(providers.get(tc.provider()), tc.model(), tc.weight(), price,
                pc.timeouts() != null ? pc.timeouts() : config.router().timeouts(),
                breaker != null ? breaker : breaker(config, label), Profiles.profileFor(catalog, pc, tc),
                shared ? state.statsFor(label) : new TargetStats(), Pricing.sheetFor(config, catalog, pc, tc, price));
    }

    private static CircuitBreaker breaker(FreeportConfig config, String label) {
        return new CircuitBreaker(config.router().breakerFailures(), config.router().breakerOpenFor(),
                CircuitBreaker.Clock.SYSTEM, label);
    }

    /** What a requested model name resolves to: its route and how it was found. */
    public record Resolved(AliasRoute route, ModelNames.Match match) {
        /** The alias a key's {@code models:} list must name: for a wildcard, its name ({@code deepseek/*}). */
        public String alias() {
            return match.alias();
        }
    }

    /**
     * The route for a requested model name (exact alias, patterns, provider wildcards, default: {@link ModelNames}),
     * or null when nothing takes it.
     */
    public Resolved resolve(String requested) {
        Resolved exact = requested == null ? null : byName.get(requested);
        if (exact != null) {
            return exact; // what ModelNames finds first: the alias of that name
        }
        ModelNames.Match m = names.resolve(requested, routes::containsKey);
        if (m == null) {
            return null;
        }
        if (m.kind() == ModelNames.Kind.WILDCARD) {
            ModelConfig w = names.wildcards().stream().filter(c -> c.name().equals(m.alias())).findFirst()
                    .orElseThrow();
            return new Resolved(wildcards.route(w, requested, m.rest()), m);
        }
        AliasRoute route = routes.get(m.alias());
        return route == null ? null : new Resolved(route, m);
    }

    public ModelNames names() {
        return names;
    }

    public FreeportConfig config() {
        return config;
    }

    public AliasRoute route(String alias) {
        return routes.get(alias);
    }

    /** {@link #route} as a function, made once with the runtime. */
    public Function<String, AliasRoute> routeOf() {
        return routeOf;
    }

    public Map<String, AliasRoute> routes() {
        return routes;
    }

    public Dispatcher dispatcher() {
        return dispatcher;
    }

    public Authenticator authenticator() {
        return authenticator;
    }

    public RouteState routeState() {
        return routeState;
    }

    public RoutePlanner planner() {
        return planner;
    }

    public DataClasses dataClasses() {
        return dataClasses;
    }

    /** What may not reach which targets (docs/GUARDRAILS.md); {@link Guardrails#NONE} when no rule is configured. */
    public Guardrails guardrails() {
        return guardrails;
    }
}
