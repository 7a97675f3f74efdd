package dev.freeport.vendors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.access.AdminHttp;
import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;
import dev.freeport.json.Json;
import dev.freeport.server.AdminRoutes;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The kill switch's admin endpoints (JSON, errors in the OpenAI shape like the keys API): GET /admin/vendors
 * (every stored switch), GET /admin/vendors/{name}, POST /admin/vendors/{name}/disable and .../enable, each with
 * an optional body {"reason": "..."}. The caller (HttpFront) has already checked the admin key; the database work
 * runs on a worker thread.
 */
public final class VendorAdminApi implements AdminRoutes {
    private static final String ROOT = "/admin/vendors";
    private static final int MAX_REASON = 500;

    private final Vertx vertx;
    private final VendorSwitchBoard board;

    public VendorAdminApi(Vertx vertx, VendorSwitchBoard board) {
        this.vertx = vertx;
        this.board = board;
    }

    @Override
    public boolean serves(String path) {
        return path.equals(ROOT) || path.startsWith(ROOT + "/");
    }

    @Override
    public void handle(HttpServerRequest req, String path) {
        String[] parts = path.equals(ROOT) ? new String[0] : path.substring(ROOT.length() + 1).split("/", -1);
        HttpMethod m = req.method();
        if (parts.length == 0) {
            if (method(req, m, HttpMethod.GET)) {
                run(req, () -> list(board.list()));
            }
            return;
        }
        if (parts.length > 2 || (parts.length == 2 && !parts[1].equals("disable") && !parts[1].equals("enable"))) {
            error(req, new GatewayError(ErrorKind.NOT_FOUND, 404, "Unknown admin path " + path + "; use GET "
                    + ROOT + ", POST " + ROOT + "/{name}/disable or POST " + ROOT + "/{name}/enable.", null,
                    "unknown_url", null));
            return;
        }
        String vendor;
        try {
            vendor = VendorNames.normalise(parts[0]);
        } catch (IllegalArgumentException e) {
            error(req, GatewayError.invalid("vendor", e.getMessage()));
            return;
        }
        if (parts.length == 1) {
            if (method(req, m, HttpMethod.GET)) {
                run(req, () -> json(board.list().stream().filter(s -> s.vendor().equals(vendor)).findFirst()
                        .orElse(null), vendor));
            }
            return;
        }
        boolean disable = parts[1].equals("disable");
        if (method(req, m, HttpMethod.POST)) {
            withReason(req, reason -> {
                String by = "admin-api@" + (req.remoteAddress() == null ? "?" : req.remoteAddress().hostAddress());
                run(req, () -> json(disable ? board.disable(vendor, reason, by) : board.enable(vendor, reason, by),
                        vendor));
            });
        }
    }

    /** The JSON of one vendor's switch ({@code s} null: never switched, so enabled). */
    public static ObjectNode json(VendorSwitch s, String vendor) {
        ObjectNode n = Json.NODES.objectNode();
        n.put("object", "vendor");
        n.put("vendor", vendor);
        boolean off = s != null && s.disabled();
        n.put("status", off ? "disabled" : "enabled");
        n.put("enabled", !off);
        n.put("reason", s == null ? null : s.reason());
        n.put("since", s == null ? null : s.changedAt().toString());
        n.put("by", s == null ? null : s.changedBy());
        if (s != null) {
            n.put("version", s.version());
        }
        return n;
    }

    /** The JSON of every stored switch, as GET /admin/vendors answers. */
    public static ObjectNode list(List<VendorSwitch> switches) {
        ObjectNode n = Json.NODES.objectNode();
        n.put("object", "list");
        var data = n.putArray("data");
        switches.forEach(s -> data.add(json(s, s.vendor())));
        return n;
    }

    private static boolean method(HttpServerRequest req, HttpMethod actual, HttpMethod wanted) {
        return AdminHttp.method(req, actual, wanted);
    }

    /** Reads the optional body {"reason": "..."}; a reason that is not a short string is a 400. */
    private static void withReason(HttpServerRequest req, Consumer<String> then) {
        AdminHttp.withBody(req, body -> {
            JsonNode r = body.get("reason");
            if (r != null && !r.isNull() && !r.isTextual()) {
                error(req, GatewayError.invalid("reason", "reason must be a string"));
                return;
            }
            String reason = r == null || r.isNull() || r.asText().isBlank() ? null : r.asText().strip();
            if (reason != null && reason.length() > MAX_REASON) {
                error(req, GatewayError.invalid("reason", "reason is limited to " + MAX_REASON + " characters"));
                return;
            }
            then.accept(reason);
        });
    }

    private void run(HttpServerRequest req, Callable<ObjectNode> work) {
        AdminHttp.run(vertx, req, 200, work, "the vendor switch store failed");
    }

    private static void error(HttpServerRequest req, GatewayError e) {
        AdminHttp.error(req, e);
    }
}
