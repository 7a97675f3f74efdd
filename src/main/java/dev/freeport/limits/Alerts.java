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
 * limit_usd, percent, spent_percent) to alerts.webhook_url, once per threshold per period: asked only of the
 * settlement that crosses a threshold, the counters' {@link Counters#firstTime} decides (a Redis SET NX across
 * replicas). A spend already past a threshold when the counter was made (a restart) does not alert again. At most once: a failed POST is logged and
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

    /**
     * Alerts for the thresholds {@code line}'s spend crossed when {@code addedNanos} was added to it ({@code state}
     * is the counter after): only a threshold crossed by this settlement asks the counters whether it is the
     * first time (one Redis SET NX then, not one per settlement past a threshold). Integers throughout.
     */
    void check(BudgetLine line, Counters.BudgetState state, long addedNanos) {
        long limit = line.budget().limitNanos();
        if (http == null || limit <= 0 || addedNanos <= 0) {
            return;
        }
        List<Integer> thresholds = line.budget().alertPercents().isEmpty() ? config.thresholds()
                : line.budget().alertPercents();
        long spent = state.spentNanos();
        long before = spent - addedNanos;
        for (int i = 0; i < thresholds.size(); i++) {
            int t = thresholds.get(i);
            if (reached(spent, limit, t) && !reached(before, limit, t)) {
                alert(line, spent, t);
            }
        }
    }

    private void alert(BudgetLine line, long spent, int threshold) {
        String key = "alert:" + line.counterKey() + ":" + threshold;
        java.time.Instant forget = line.expireAtEpochSecond() == 0 ? null
                : java.time.Instant.ofEpochSecond(line.expireAtEpochSecond());
        counters.firstTime(key, forget).onSuccess(first -> {
            if (first) {
                post(payload(line, spent, threshold));
            }
        }).onFailure(e -> LOG.warning("could not check alert " + key + ": " + e.getMessage()));
    }

    /** Whether {@code spent * 100 >= limit * percent}, compared exactly in 128 bits (no BigInteger). */
    static boolean reached(long spent, long limit, int percent) {
        long aHigh = Math.multiplyHigh(spent, 100);
        long bHigh = Math.multiplyHigh(limit, percent);
        return aHigh != bHigh ? aHigh > bHigh : Long.compareUnsigned(spent * 100, limit * percent) >= 0;
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
