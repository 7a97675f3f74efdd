package dev.freeport.lab;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.json.Json;
import dev.freeport.module.AdminCalls;
import dev.freeport.module.AdminReply;
import dev.freeport.module.AdminRequest;
import dev.freeport.module.AdminRoutes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;

import dev.freeport.config.ConfigUnits;
import dev.freeport.config.FreeportConfig;
import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code /admin/migrate/...}: {@code GET /admin/migrate/shadow} answers each alias's shadow counts since start
 * (sampled, dropped when the queue was full, over budget, sent, failed, refused by the rules, running, waiting) and
 * this period's shadow spend, and each alias's capture counts; {@code GET /admin/migrate/aliases[?since=30d]} the
 * aliases with candidate results; {@code GET /admin/migrate/report?alias=A[&since=30d]} the migration report of an alias
 * as JSON ({@link LabReports}), built on a worker.
 */
final class LabAdmin implements AdminRoutes {
    static final String ROOT = "/admin/migrate";

    private final Vertx vertx;
    private final Shadows shadows;
    private final Captures captures;
    private final LabStore store;
    private final FreeportConfig cfg;

    LabAdmin(Vertx vertx, Shadows shadows, Captures captures, LabStore store, FreeportConfig cfg) {
        this.vertx = vertx;
        this.shadows = shadows;
        this.captures = captures;
        this.store = store;
        this.cfg = cfg;
    }

    @Override
    public boolean serves(String path) {
        return path.equals(ROOT) || path.startsWith(ROOT + "/");
    }

    @Override
    public Future<AdminReply> handle(AdminRequest req) {
        String[] seg = req.segmentsAfter(ROOT);
        if (seg.length == 1 && seg[0].equals("shadow")) {
            AdminCalls.requireMethod(req, HttpMethod.GET);
            return Future.succeededFuture(AdminReply.ok(shadowCounts()));
        }
        if (seg.length == 1 && seg[0].equals("report")) {
            AdminCalls.requireMethod(req, HttpMethod.GET);
            return report(req);
        }
        if (seg.length == 1 && seg[0].equals("aliases")) {
            AdminCalls.requireMethod(req, HttpMethod.GET);
            return aliases(req);
        }
        throw AdminCalls.unknownPath(req.path(), "the migration lab serves GET " + ROOT + "/shadow, GET " + ROOT
                + "/aliases and GET " + ROOT + "/report?alias=");
    }

    /** The aliases with candidate results since {@code since} (default 30d): {"object": "list", "data": [...]}. */
    private Future<AdminReply> aliases(AdminRequest req) {
        Duration since;
        try {
            since = ConfigUnits.parseDuration(req.query().getOrDefault("since", "30d"), false, Duration.ofDays(3650));
        } catch (IllegalArgumentException e) {
            return AdminCalls.fail(new GatewayError(ErrorKind.INVALID_REQUEST, 400, "since: " + e.getMessage(),
                    "since", "invalid_parameter", null));
        }
        long from = Instant.now().minus(since).toEpochMilli();
        return AdminCalls.blocking(vertx, 200, () -> {
            ObjectNode out = Json.NODES.objectNode().put("object", "list");
            var data = out.putArray("data");
            for (LabStore.AliasResults a : store.aliases(from)) {
                data.addObject().put("alias", a.alias()).put("results", a.results()).put("candidates", a.candidates())
                        .put("last_result", Instant.ofEpochMilli(a.lastMillis()).toString());
            }
            return out;
        }, "the lab's aliases could not be read");
    }

    private Future<AdminReply> report(AdminRequest req) {
        String alias = req.query().get("alias");
        if (alias == null || alias.isBlank()) {
            return AdminCalls.fail(new GatewayError(ErrorKind.INVALID_REQUEST, 400, "The query parameter alias is"
                    + " required, e.g. /admin/migrate/report?alias=coder.", "alias", "missing_parameter", null));
        }
        Duration since;
        try {
            since = ConfigUnits.parseDuration(req.query().getOrDefault("since", "30d"), false, Duration.ofDays(3650));
        } catch (IllegalArgumentException e) {
            return AdminCalls.fail(new GatewayError(ErrorKind.INVALID_REQUEST, 400, "since: " + e.getMessage(),
                    "since", "invalid_parameter", null));
        }
        Instant now = Instant.now();
        return AdminCalls.blocking(vertx, 200, () -> LabReports.json(LabReports.build(store, cfg.ledger().dataDir(),
                cfg.store(), alias.strip(), now.minus(since), now)), "the migration report could not be built");
    }

    private ObjectNode shadowCounts() {
        ObjectNode out = Json.NODES.objectNode();
        ObjectNode aliases = out.putObject("aliases");
        shadows.snapshot().forEach((alias, s) -> aliases.putObject(alias)
                .put("sampled", s.sampled())
                .put("dropped", s.dropped())
                .put("over_budget", s.overBudget())
                .put("sent", s.sent())
                .put("failed", s.failed())
                .put("refused", s.refused())
                .put("not_kept", s.notKept())
                .put("running", s.running())
                .put("waiting", s.waiting())
                .put("spent_usd", BigDecimal.valueOf(s.spentNanos(), 9).stripTrailingZeros().toPlainString()));
        ObjectNode captured = out.putObject("capture");
        new java.util.TreeMap<>(captures.counts).forEach((alias, c) -> captured.putObject(alias)
                .put("kept", c[Captures.KEPT].get())
                .put("forbidden_by_data_class", c[Captures.FORBIDDEN].get())
                .put("too_large", c[Captures.TOO_LARGE].get())
                .put("over_max_total", c[Captures.FULL].get())
                .put("not_kept", c[Captures.NOT_KEPT].get()));
        return out;
    }

}
