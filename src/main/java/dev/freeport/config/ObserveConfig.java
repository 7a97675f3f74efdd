package dev.freeport.config;

import java.util.Map;

/**
 * The {@code metrics:} and {@code tracing:} sections (docs/CONFIG.md, docs/OPERATIONS.md). Read at start-up, except
 * {@code metrics.open}, which follows reloads.
 *
 * @param metrics the Prometheus endpoint
 * @param tracing OpenTelemetry traces; {@link Tracing#OFF} when no endpoint is set
 */
public record ObserveConfig(Metrics metrics, Tracing tracing) {

    /** Metrics on behind the admin key; no traces. */
    public static final ObserveConfig DEFAULT = new ObserveConfig(Metrics.DEFAULT, Tracing.OFF);

    public ObserveConfig {
        metrics = metrics == null ? Metrics.DEFAULT : metrics;
        tracing = tracing == null ? Tracing.OFF : tracing;
    }

    /**
     * @param enabled   whether {@code GET /metrics} exists and requests are counted at all
     * @param open      whether {@code GET /metrics} answers without the admin key (a scraper on a private network)
     * @param maxKeys   how many distinct virtual keys (and teams) get their own label values; later ones count as
     *                  "other"
     * @param maxValues how many distinct values any other label (alias, upstream model, provider) takes; later
     *                  ones count as "other"
     */
    public record Metrics(boolean enabled, boolean open, int maxKeys, int maxValues) {
        public static final Metrics DEFAULT = new Metrics(true, false, 200, 200);
    }

    /**
     * @param endpoint    the OTLP/HTTP traces URL (e.g. {@code http://collector:4318/v1/traces}); null: tracing off
     * @param headers     sent with every export (e.g. an API key of a tracing service); secrets, never logged
     * @param sampleRatio the share of new traces kept (0..1); a caller's sampled {@code traceparent} is followed
     * @param content     whether spans carry prompts and answers ({@code gen_ai.input.messages},
     *                    {@code gen_ai.output.messages}); off by default
     * @param serviceName the {@code service.name} resource attribute
     */
    public record Tracing(String endpoint, Map<String, String> headers, double sampleRatio, boolean content,
                          String serviceName) {
        public static final Tracing OFF = new Tracing(null, Map.of(), 1.0, false, "freeport");

        public Tracing {
            headers = headers == null ? Map.of() : Map.copyOf(headers);
            serviceName = serviceName == null ? "freeport" : serviceName;
        }

        public boolean on() {
            return endpoint != null;
        }
    }
}
