package dev.freeport.limits;

import dev.freeport.config.AlertsConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.logging.Logger;

/**
 * Budget alerts: when a budget's spend reaches one of its thresholds (the budget's own alert percents, else
 * alerts.thresholds), POSTs a Slack-compatible JSON ({"text": ...} plus budget, period, period_start, spent_usd,
 * limit_usd, percent, spent_percent) to alerts.webhook_url, once per threshold per period: the counters'
 * {@link Counters#firstTime} decides (a Redis SET NX across replicas). At most once: a failed POST is logged and
 * not retried. Never affects requests.
 */
public final class Alerts implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Alerts.class.getName());

    private final AlertsConfig config;
    private final Counters counters;
    private final HttpClient http;

    public Alerts(Vertx vertx, AlertsConfig config, Counters counters) {
        this.config = config;
        this.counters = counters;
        this.http = config.webhookUrl() == null ? null : vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(5000).setIdleTimeout(30));
    }

    void check(BudgetLine line, Counters.BudgetState state) {
        if (http == null || line.budget().limitNanos() <= 0) {
            return;
        }
        List<Integer> thresholds = line.budget().alertPercents().isEmpty() ? config.thresholds()
                : line.budget().alertPercents();
        long limit = line.budget().limitNanos();
        long spent = state.spentNanos();
        for (int t : thresholds) {
            if (java.math.BigInteger.valueOf(spent).multiply(java.math.BigInteger.valueOf(100))
                    .compareTo(java.math.BigInteger.valueOf(limit).multiply(java.math.BigInteger.valueOf(t))) >= 0) {
                String key = "alert:" + line.counterKey() + ":" + t;
                java.time.Instant forget = line.expireAtEpochSecond() == 0 ? null
                        : java.time.Instant.ofEpochSecond(line.expireAtEpochSecond());
                counters.firstTime(key, forget).onSuccess(first -> {
                    if (first) {
                        post(payload(line, spent, t));
                    }
                }).onFailure(e -> LOG.warning("could not check alert " + key + ": " + e.getMessage()));
            }
        }
    }

    static JsonObject payload(BudgetLine line, long spent, int threshold) {
        long limit = line.budget().limitNanos();
        long percent = limit == 0 ? 0 : (long) (spent / (double) limit * 100);
        String period = Periods.name(line.budget().period());
        String text = "Freeport budget alert: " + line.display() + " has spent $" + BudgetPolicy.usd(spent)
                + " of its " + Periods.adjective(line.budget().period()) + " budget of $" + BudgetPolicy.usd(limit)
                + " (" + percent + "%, threshold " + threshold + "%"
                + (line.budget().hard() ? ", hard" : ", soft") + ").";
        return new JsonObject().put("text", text).put("budget", line.display()).put("period", period)
                .put("period_start", DateTimeFormatter.ISO_INSTANT.format(line.periodStart()))
                .put("spent_usd", BudgetPolicy.usd(spent)).put("limit_usd", BudgetPolicy.usd(limit))
                .put("percent", threshold).put("spent_percent", percent).put("hard", line.budget().hard());
    }

    private void post(JsonObject body) {
        http.request(new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(config.webhookUrl())
                        .putHeader("content-type", "application/json"))
                .compose(req -> req.send(Buffer.buffer(body.encode())))
                .compose(res -> res.body().map(b -> res.statusCode()))
                .onSuccess(status -> {
                    if (status / 100 != 2) {
                        LOG.warning("budget alert webhook answered HTTP " + status);
                    }
                })
                .onFailure(e -> LOG.warning("budget alert webhook failed: " + e.getMessage()));
    }

    @Override
    public void close() {
        if (http != null) {
            http.close();
        }
    }
}
