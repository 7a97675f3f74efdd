package dev.freeport.observe;

import dev.freeport.config.FreeportConfig;
import dev.freeport.config.ObserveConfig;
import dev.freeport.ledger.Ledger;
import dev.freeport.limits.LimitUse;
import dev.freeport.module.Module;
import dev.freeport.module.PageRoute;
import dev.freeport.module.RequestWatch;
import dev.freeport.module.RequestWatcher;
import io.vertx.core.Vertx;

import java.util.List;
import java.util.logging.Logger;

/**
 * Metrics and traces, as a module (docs/OPERATIONS.md, "Metrics" and "Traces"): {@code GET /metrics} in Prometheus
 * text ({@link GatewayMetrics}) and OpenTelemetry spans exported over OTLP/HTTP ({@link Tracing}), both fed by one
 * {@link RequestWatcher}. With tracing off the watcher hands every request the same metrics watch: no object per
 * request, no span; with both off the module watches nothing and the flow's hooks are no-ops.
 */
public final class ObserveModule implements Module {
    private static final Logger LOG = Logger.getLogger(ObserveModule.class.getName());

    private final GatewayMetrics metrics;
    private final Tracing tracing;
    private final RequestWatcher watcher;
    private final List<PageRoute> pages;

    private ObserveModule(Vertx vertx, GatewayMetrics metrics, Tracing tracing) {
        this.metrics = metrics;
        this.tracing = tracing;
        RequestWatch counted = metrics == null ? RequestWatch.NONE : metrics.watch();
        if (tracing != null) {
            this.watcher = (endpoint, headers) -> tracing.start(endpoint, headers, counted);
        } else if (metrics != null) {
            this.watcher = (endpoint, headers) -> counted;
        } else {
            this.watcher = null;
        }
        this.pages = metrics == null ? List.of() : List.of(new MetricsPage(vertx, metrics));
    }

    /**
     * Opens metrics (unless {@code metrics.enabled: false}) and tracing (when {@code tracing.endpoint} is set).
     *
     * @param ledger the ledger whose lag is reported
     * @param limits budget and rate-limit use to report, or null without the limits module
     */
    public static ObserveModule open(Vertx vertx, FreeportConfig cfg, Ledger ledger, LimitUse limits) {
        ObserveConfig oc = cfg.observe();
        GatewayMetrics metrics = oc.metrics().enabled()
                ? new GatewayMetrics(oc.metrics(), ledger, limits, new TickingClock(vertx)) : null;
        Tracing tracing = oc.tracing().on() ? new Tracing(oc.tracing()) : null;
        if (tracing != null) {
            LOG.info("tracing: spans exported to " + dev.freeport.config.SecretMask.mask(oc.tracing().endpoint())
                    + ", sample ratio " + oc.tracing().sampleRatio()
                    + (oc.tracing().content() ? ", with prompts and answers" : ""));
        }
        return new ObserveModule(vertx, metrics, tracing);
    }

    @Override
    public RequestWatcher watcher() {
        return watcher;
    }

    @Override
    public List<PageRoute> pages() {
        return pages;
    }

    /** The metrics' text as {@code GET /metrics} answers it (tests), or null when metrics are off. */
    public String scrape() {
        return metrics == null ? null : metrics.scrape();
    }

    @Override
    public void close() {
        if (tracing != null) {
            tracing.close();
        }
        if (metrics != null) {
            metrics.close();
        }
    }
}
