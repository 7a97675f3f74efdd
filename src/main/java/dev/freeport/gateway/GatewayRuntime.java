package dev.freeport.gateway;

import dev.freeport.access.Authenticator;
import dev.freeport.catalog.PriceCatalog;
import dev.freeport.config.FreeportConfig;
import dev.freeport.config.ModelConfig;
import dev.freeport.config.ProviderConfig;
import dev.freeport.config.TargetConfig;
import dev.freeport.provider.Provider;
import dev.freeport.provider.anthropic.AnthropicCodec;
import dev.freeport.provider.gemini.GeminiCodec;
import dev.freeport.provider.http.HttpProvider;
import dev.freeport.provider.http.UpstreamClient;
import dev.freeport.provider.openai.OpenAiCodec;
import dev.freeport.provider.openai.OpenAiPresets;
import dev.freeport.provider.sandbox.SandboxProvider;
import dev.freeport.route.AliasRoute;
import dev.freeport.route.CircuitBreaker;
import dev.freeport.route.Dispatcher;
import dev.freeport.route.Target;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything a request needs that comes from the config: providers, alias routes with their targets and prices,
 * the dispatcher. Immutable; a reload builds a new one and swaps it in, while requests in flight keep the one
 * they started with. Circuit breakers outlive reloads (keyed by provider and model).
 */
public final class GatewayRuntime {
    private final FreeportConfig config;
    private final Map<String, AliasRoute> routes;
    private final Dispatcher dispatcher;
    private final Authenticator authenticator;

    private GatewayRuntime(FreeportConfig config, Map<String, AliasRoute> routes, Dispatcher dispatcher,
                           Authenticator authenticator) {
        this.config = config;
        this.routes = routes;
        this.dispatcher = dispatcher;
        this.authenticator = authenticator;
    }

    public static GatewayRuntime build(Vertx vertx, FreeportConfig config, UpstreamClient client,
                                       PriceCatalog catalog, Map<String, CircuitBreaker> breakers,
                                       Authenticator authenticator) {
        Map<String, Provider> providers = new LinkedHashMap<>();
        for (ProviderConfig pc : config.providers().values()) {
            providers.put(pc.name(), create(vertx, pc, client));
        }
        Map<String, AliasRoute> routes = new LinkedHashMap<>();
        for (ModelConfig mc : config.models()) {
            List<Target> targets = new ArrayList<>();
            boolean simulated = true;
            for (TargetConfig tc : mc.targets()) {
                ProviderConfig pc = config.providers().get(tc.provider());
                Provider p = providers.get(tc.provider());
                simulated &= p.simulated();
                CircuitBreaker breaker = breakers.computeIfAbsent(tc.provider() + "/" + tc.model(),
                        k -> new CircuitBreaker(config.router().breakerFailures(), config.router().breakerOpenFor(),
                                CircuitBreaker.Clock.SYSTEM));
                targets.add(new Target(p, tc.model(), tc.weight(), Pricing.priceFor(config, catalog, pc, tc),
                        pc.timeouts() != null ? pc.timeouts() : config.router().timeouts(), breaker,
                        Profiles.profileFor(catalog, pc, tc)));
            }
            routes.put(mc.name(), new AliasRoute(mc.name(), mc.strategy(), List.copyOf(targets), mc.description(),
                    simulated));
        }
        return new GatewayRuntime(config, Collections.unmodifiableMap(routes),
                new Dispatcher(vertx, config.router()), authenticator);
    }

    private static Provider create(Vertx vertx, ProviderConfig pc, UpstreamClient client) {
        return switch (pc.type()) {
            case "openai" -> {
                var settings = OpenAiPresets.settings(pc);
                yield new HttpProvider(vertx, settings, new OpenAiCodec(settings), client);
            }
            case "anthropic" -> {
                var settings = AnthropicCodec.settings(pc);
                yield new HttpProvider(vertx, settings, new AnthropicCodec(settings), client);
            }
            case "gemini" -> {
                var settings = GeminiCodec.settings(pc);
                yield new HttpProvider(vertx, settings, new GeminiCodec(settings), client);
            }
            case "sandbox" -> new SandboxProvider(vertx, pc);
            default -> throw new IllegalArgumentException("unknown provider type " + pc.type());
        };
    }

    public static Map<String, CircuitBreaker> newBreakerRegistry() {
        return new ConcurrentHashMap<>();
    }

    public FreeportConfig config() {
        return config;
    }

    public AliasRoute route(String alias) {
        return routes.get(alias);
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
}
