package dev.freeport.console;

import dev.freeport.audit.AuditInput;
import dev.freeport.audit.AuditService;
import dev.freeport.config.FreeportConfig;
import dev.freeport.error.GatewayError;
import dev.freeport.ledger.UsageSummary;
import dev.freeport.module.AdminCalls;
import dev.freeport.module.AdminReply;
import dev.freeport.module.AdminRequest;
import dev.freeport.module.AdminRoutes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The console's read-only admin endpoints over the ledger (journal included, so a request shows up as soon as it
 * ended): {@code GET /admin/usage?since=1h&bucket=1m} (spend over time by alias, vendor, team and key; traffic,
 * errors, latency and TTFT; the configured vendors with their jurisdictions) and {@code GET /admin/usage/budgets}
 * (spend per key and team in the current day, week and month; {@code ?total=true} also in total, reading the whole
 * ledger). Computed on a worker.
 */
final class UsageAdmin implements AdminRoutes {
    static final String ROOT = "/admin/usage";
    private static final Duration MAX_SINCE = Duration.ofDays(366);

    private final Vertx vertx;
    private final Supplier<FreeportConfig> config;
    private final Clock clock;

    UsageAdmin(Vertx vertx, Supplier<FreeportConfig> config, Clock clock) {
        this.vertx = vertx;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public boolean serves(String path) {
        return path.equals(ROOT) || path.equals(ROOT + "/budgets");
    }

    @Override
    public Future<AdminReply> handle(AdminRequest req) {
        AdminCalls.requireMethod(req, HttpMethod.GET);
        Instant now = clock.instant();
        if (req.path().equals(ROOT + "/budgets")) {
            // the whole ledger only when asked for total budgets; else from the earliest current day/week/month
            boolean total = "true".equals(req.query().get("total"));
            Instant from = total ? Instant.EPOCH : UsageSeries.earliestPeriodStart(now);
            return AdminCalls.blocking(vertx, 200, () -> UsageSeries.periods(input(from).records(), now, total),
                    "the ledger could not be read");
        }
        Duration since = duration(req, "since", "1h");
        if (since.compareTo(MAX_SINCE) > 0) {
            throw GatewayError.invalid("since", "since is at most 366d").toException();
        }
        Duration bucket = req.query().containsKey("bucket") ? duration(req, "bucket", null)
                : Duration.ofSeconds(Math.max(1, since.toSeconds() / 60));
        if (bucket.toSeconds() < 1) {
            throw GatewayError.invalid("bucket", "bucket is at least 1s").toException();
        }
        if (since.toSeconds() / bucket.toSeconds() > UsageSeries.MAX_BUCKETS) {
            throw GatewayError.invalid("bucket", "since/bucket gives more than " + UsageSeries.MAX_BUCKETS
                    + " buckets; take a larger bucket").toException();
        }
        Instant from = now.minus(since);
        return AdminCalls.blocking(vertx, 200, () -> {
            AuditInput in = input(from);
            var json = UsageSeries.json(in.records(), from, now, bucket.toSeconds());
            var vendors = json.putObject("jurisdictions");
            in.jurisdictions().forEach(vendors::put);
            return json;
        }, "the ledger could not be read");
    }

    private AuditInput input(Instant from) {
        FreeportConfig cfg = config.get();
        return AuditService.ledgerInput(cfg.ledger().dataDir(), from, cfg);
    }

    private static Duration duration(AdminRequest req, String name, String fallback) {
        try {
            return UsageSummary.parseSince(req.query().getOrDefault(name, fallback));
        } catch (IllegalArgumentException e) {
            throw GatewayError.invalid(name, e.getMessage()).toException();
        }
    }
}
