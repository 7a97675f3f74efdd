package dev.freeport.config;

import java.net.URI;
import java.util.Set;

/** Reads the {@code metrics:} and {@code tracing:} sections into one {@link ObserveConfig}. */
final class ObserveConfigReader {
    static final Set<String> METRICS_KEYS = ConfigLoader.keys("enabled", "open", "max_keys", "max_values");
    static final Set<String> TRACING_KEYS = ConfigLoader.keys("endpoint", "headers", "sample_ratio", "content",
            "service_name");

    private ObserveConfigReader() {
    }

    static ObserveConfig read(Section metrics, Section tracing) {
        ObserveConfig.Metrics d = ObserveConfig.Metrics.DEFAULT;
        ObserveConfig.Metrics m = new ObserveConfig.Metrics(metrics.bool("enabled", d.enabled()),
                metrics.bool("open", d.open()), metrics.integer("max_keys", d.maxKeys(), 1, 100_000),
                metrics.integer("max_values", d.maxValues(), 1, 100_000));
        return new ObserveConfig(m, tracing(tracing));
    }

    private static ObserveConfig.Tracing tracing(Section s) {
        String endpoint = s.str("endpoint", null);
        if (endpoint != null && endpoint.isBlank()) {
            endpoint = null;
        }
        if (endpoint != null) {
            endpoint = endpoint.strip();
            URI uri = null;
            try {
                uri = URI.create(endpoint);
            } catch (IllegalArgumentException e) {
                // reported below
            }
            if (uri == null || uri.getHost() == null
                    || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                s.problem("endpoint", "must be an http(s) URL of an OTLP/HTTP receiver, e.g. "
                        + "http://collector:4318/v1/traces");
                endpoint = null;
            } else if (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/")) {
                endpoint = endpoint.replaceAll("/+$", "") + "/v1/traces"; // the collector's base URL
            }
        }
        double ratio = s.number("sample_ratio", 1.0, 0, false, 1);
        boolean content = s.bool("content", false);
        String service = s.str("service_name", "freeport");
        return new ObserveConfig.Tracing(endpoint, ProvidersReader.headers(s), ratio, content,
                service == null || service.isBlank() ? "freeport" : service.strip());
    }
}
