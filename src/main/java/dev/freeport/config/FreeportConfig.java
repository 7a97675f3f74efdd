package dev.freeport.config;

import java.util.List;
import java.util.Map;

/**
 * The whole configuration, validated. Built by {@link ConfigLoader} from one YAML file (or the built-in demo
 * config). Immutable: a reload builds a new one and swaps it in.
 *
 * @param providers by name, in file order
 * @param models    aliases, in file order
 * @param prices    price overrides keyed "provider/model" (or "model" for any provider)
 * @param responses what the Responses API keeps (null: {@link ResponsesConfig#DEFAULT})
 * @param guardrails what may not reach which targets (null: {@link GuardrailsConfig#NONE})
 * @param observe   metrics and traces (null: {@link ObserveConfig#DEFAULT})
 * @param pricing   exchange rates and the catalog's age limit (null: {@link PricingConfig#NONE})
 * @param batch     how the batch APIs pace their requests (null: {@link BatchConfig#DEFAULT})
 */
public record FreeportConfig(ServerConfig server, Map<String, ProviderConfig> providers, List<ModelConfig> models,
                             RouterConfig router, LedgerConfig ledger, Map<String, PriceConfig> prices,
                             StoreConfig store, LimitsConfig limits, AlertsConfig alerts, RoutingConfig routing,
                             ResponsesConfig responses, GuardrailsConfig guardrails, ObserveConfig observe,
                             PricingConfig pricing, BatchConfig batch) {

    public FreeportConfig {
        batch = batch == null ? BatchConfig.DEFAULT : batch;
        guardrails = guardrails == null ? GuardrailsConfig.NONE : guardrails;
        observe = observe == null ? ObserveConfig.DEFAULT : observe;
        responses = responses == null ? ResponsesConfig.DEFAULT : responses;
        pricing = pricing == null ? PricingConfig.NONE : pricing;
        routing = routing == null ? RoutingConfig.NONE : routing;
        store = store == null ? StoreConfig.EMBEDDED : store;
        limits = limits == null ? LimitsConfig.EMBEDDED : limits;
        alerts = alerts == null ? AlertsConfig.NONE : alerts;
    }

    /** A single-process config: embedded store, in-memory limits, no alerts. */
    public FreeportConfig(ServerConfig server, Map<String, ProviderConfig> providers, List<ModelConfig> models,
                          RouterConfig router, LedgerConfig ledger, Map<String, PriceConfig> prices) {
        this(server, providers, models, router, ledger, prices, null, null, null, null);
    }

    public FreeportConfig(ServerConfig server, Map<String, ProviderConfig> providers, List<ModelConfig> models,
                          RouterConfig router, LedgerConfig ledger, Map<String, PriceConfig> prices,
                          StoreConfig store, LimitsConfig limits, AlertsConfig alerts) {
        this(server, providers, models, router, ledger, prices, store, limits, alerts, null);
    }

    public FreeportConfig(ServerConfig server, Map<String, ProviderConfig> providers, List<ModelConfig> models,
                          RouterConfig router, LedgerConfig ledger, Map<String, PriceConfig> prices,
                          StoreConfig store, LimitsConfig limits, AlertsConfig alerts, RoutingConfig routing) {
        this(server, providers, models, router, ledger, prices, store, limits, alerts, routing, null);
    }

    public FreeportConfig(ServerConfig server, Map<String, ProviderConfig> providers, List<ModelConfig> models,
                          RouterConfig router, LedgerConfig ledger, Map<String, PriceConfig> prices,
                          StoreConfig store, LimitsConfig limits, AlertsConfig alerts, RoutingConfig routing,
                          ResponsesConfig responses) {
        this(server, providers, models, router, ledger, prices, store, limits, alerts, routing, responses, null, null,
                null, null);
    }

    public FreeportConfig withServer(ServerConfig s) {
        return new FreeportConfig(s, providers, models, router, ledger, prices, store, limits, alerts, routing,
                responses, guardrails, observe, pricing, batch);
    }

    public ModelConfig model(String alias) {
        for (ModelConfig m : models) {
            if (m.name().equals(alias)) {
                return m;
            }
        }
        return null;
    }
}
