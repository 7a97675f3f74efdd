package dev.freeport.observe;

import dev.freeport.config.FreeportConfig;
import dev.freeport.module.PageRoute;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * {@code GET /metrics}: the registry's Prometheus text, written on a worker (ordered: scrapes never overlap), behind
 * the admin key unless {@code metrics.open: true} (read per scrape, so a reload opens or closes it).
 */
final class MetricsPage implements PageRoute {
    private final Vertx vertx;
    private final GatewayMetrics metrics;

    MetricsPage(Vertx vertx, GatewayMetrics metrics) {
        this.vertx = vertx;
        this.metrics = metrics;
    }

    @Override
    public String path() {
        return "/metrics";
    }

    @Override
    public boolean open(FreeportConfig config) {
        return config.observe().metrics().open();
    }

    @Override
    public String contentType() {
        return GatewayMetrics.CONTENT_TYPE;
    }

    @Override
    public Future<Buffer> body() {
        return vertx.executeBlocking(() -> Buffer.buffer(metrics.scrape()), true);
    }
}
