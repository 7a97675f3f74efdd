package dev.freeport.observe;

import dev.freeport.caller.Principal;
import dev.freeport.config.ObserveConfig;
import dev.freeport.dialect.DroppedFields;
import dev.freeport.ledger.Ledger;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.module.RequestWatch;
import dev.freeport.route.Attempt;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's Prometheus metrics (Micrometer's Prometheus registry): per-request meters ({@link RequestMeters}),
 * circuit breakers, the ledger's lag, budget and rate-limit use ({@link LimitGauges}), dropped request fields, the
 * response cache ({@link CacheMeters}). Its
 * {@link #watch} is one shared {@link RequestWatch}: metrics keep no state per request.
 */
final class GatewayMetrics {
    /** Prometheus text exposition format 0.0.4. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final RequestMeters requests;
    private final LimitGauges limits;
    private final Set<String> droppedSeen = ConcurrentHashMap.newKeySet();
    private final RequestWatch watch;
    private final CacheMeters cache;
    /** the registry's clock when it ticks on a timer (stopped with the metrics), else null */
    private final TickingClock ticking;

    GatewayMetrics(ObserveConfig.Metrics cfg, Ledger ledger, dev.freeport.limits.LimitUse limitUse) {
        this(cfg, ledger, limitUse, Clock.SYSTEM);
    }

    /** With the registry reading {@code clock} (the gateway's: a {@link TickingClock}, closed with the metrics). */
    GatewayMetrics(ObserveConfig.Metrics cfg, Ledger ledger, dev.freeport.limits.LimitUse limitUse, Clock clock) {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), clock);
        this.ticking = clock instanceof TickingClock t ? t : null;
        this.cache = new CacheMeters(registry);
        this.requests = new RequestMeters(registry, cfg.maxValues(), cfg.maxKeys());
        this.limits = new LimitGauges(registry, limitUse, cfg.maxKeys());
        Gauge.builder("freeport.ledger.lag.seconds", ledger, l -> l.lagMillis() / 1000.0)
                .description("How long the ledger's database has been behind its journal (0: it holds every event)")
                .strongReference(true).register(registry);
        Gauge.builder("freeport.ledger.pending.events", ledger, Ledger::pendingEvents)
                .description("Usage events journaled but not yet in the database").strongReference(true)
                .register(registry);
        this.watch = new RequestWatch() {
            @Override
            public void ended(UsageEvent event, Principal principal, String front, List<Attempt> attempts) {
                requests.record(event, principal, front, attempts);
                cache.record(event);
            }
        };
    }

    /** The one watch every request shares. */
    RequestWatch watch() {
        return watch;
    }

    /** The Prometheus text of every meter (blocking for a moment: call it on a worker). */
    String scrape() {
        syncDroppedFields();
        limits.sync();
        return registry.scrape();
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    void close() {
        registry.close();
        if (ticking != null) {
            ticking.close();
        }
    }

    /** Request fields fronts dropped ({@link DroppedFields}: already bounded), one counter per api and field. */
    private void syncDroppedFields() {
        Map<String, Long> now = DroppedFields.snapshot();
        for (String key : now.keySet()) {
            if (droppedSeen.add(key)) {
                int colon = key.indexOf(':');
                FunctionCounter.builder("freeport.dropped.fields", key, DroppedFields::count)
                        .description("Request fields a front did not know and dropped (translated back ends)")
                        .tags("api", key.substring(0, colon), "field", key.substring(colon + 1)).register(registry);
            }
        }
    }
}
