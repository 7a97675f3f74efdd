package dev.freeport.server;

import dev.freeport.audit.AuditService;
import dev.freeport.config.FreeportConfig;
import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;
import dev.freeport.json.Json;
import dev.freeport.ledger.UsageSummary;
import dev.freeport.module.AdminCalls;
import dev.freeport.module.AdminReply;
import dev.freeport.module.AdminRequest;
import dev.freeport.module.AdminRoutes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The gateway's own admin endpoints: {@code POST /admin/reload} (re-read the config file) and
 * {@code GET /admin/audit?since=30d} (the spend audit of this gateway's ledger, computed on a worker).
 */
final class GatewayAdmin implements AdminRoutes {
    private final Vertx vertx;
    private final Supplier<FreeportConfig> config;
    private final Supplier<Future<Void>> reload;

    GatewayAdmin(Vertx vertx, Supplier<FreeportConfig> config, Supplier<Future<Void>> reload) {
        this.vertx = vertx;
        this.config = config;
        this.reload = reload;
    }

    @Override
    public boolean serves(String path) {
        return path.equals("/admin/reload") || path.equals("/admin/audit");
    }

    @Override
    public Future<AdminReply> handle(AdminRequest req) {
        return req.path().equals("/admin/reload") ? reload(req) : audit(req);
    }

    private Future<AdminReply> reload(AdminRequest req) {
        AdminCalls.requireMethod(req, HttpMethod.POST);
        return reload.get().transform(done -> done.succeeded()
                ? Future.succeededFuture(AdminReply.ok(Json.NODES.objectNode().put("status", "reloaded")))
                : AdminCalls.fail(new GatewayError(ErrorKind.INVALID_REQUEST, 400, "reload refused, the running "
                + "config stays: " + done.cause().getMessage(), null, "invalid_config", null)));
    }

    private Future<AdminReply> audit(AdminRequest req) {
        AdminCalls.requireMethod(req, HttpMethod.GET);
        Duration since;
        try {
            since = UsageSummary.parseSince(req.query().getOrDefault("since", "30d"));
        } catch (IllegalArgumentException e) {
            throw GatewayError.invalid("since", e.getMessage()).toException();
        }
        FreeportConfig cfg = config.get();
        return AdminCalls.blocking(vertx, 200, () -> AuditService.json(cfg.ledger().dataDir(), since, cfg),
                "audit failed");
    }
}
