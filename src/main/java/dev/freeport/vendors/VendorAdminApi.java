package dev.freeport.vendors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.api.VendorNames;
import dev.freeport.error.GatewayError;
import dev.freeport.json.Json;
import dev.freeport.module.AdminCalls;
import dev.freeport.module.AdminReply;
import dev.freeport.module.AdminRequest;
import dev.freeport.module.AdminRoutes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * The kill switch's admin endpoints (JSON, errors in the OpenAI shape like the keys API): GET /admin/vendors
 * (every stored switch), GET /admin/vendors/{name}, POST /admin/vendors/{name}/disable and .../enable, each with
 * an optional body {"reason": "..."}. The server has already checked the admin key; the database work
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
    public Future<AdminReply> handle(AdminRequest req) {
        String[] parts = req.segmentsAfter(ROOT);
        if (parts.length == 0) {
            AdminCalls.requireMethod(req, HttpMethod.GET);
            return run(() -> list(board.list()));
        }
        if (parts.length > 2 || (parts.length == 2 && !parts[1].equals("disable") && !parts[1].equals("enable"))) {
            throw AdminCalls.unknownPath(req.path(), "use GET " + ROOT + ", POST " + ROOT + "/{name}/disable or POST "
                    + ROOT + "/{name}/enable.");
        }
        String vendor;
        try {
            vendor = VendorNames.require(parts[0]);
        } catch (IllegalArgumentException e) {
            throw GatewayError.invalid("vendor", e.getMessage()).toException();
        }
        if (parts.length == 1) {
            AdminCalls.requireMethod(req, HttpMethod.GET);
            return run(() -> json(board.list().stream().filter(s -> s.vendor().equals(vendor)).findFirst()
                    .orElse(null), vendor));
        }
        boolean disable = parts[1].equals("disable");
        AdminCalls.requireMethod(req, HttpMethod.POST);
        String reason = reason(req.body());
        String by = "admin-api@" + req.from();
        ObjectNode[] before = new ObjectNode[1];
        return run(() -> {
            before[0] = json(board.list().stream().filter(s -> s.vendor().equals(vendor)).findFirst().orElse(null),
                    vendor);
            return json(disable ? board.disable(vendor, reason, by) : board.enable(vendor, reason, by), vendor);
        }).map(r -> r.withBefore(before[0]));
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

    /** The optional {"reason": "..."}; a reason that is not a short string is a 400. */
    private static String reason(ObjectNode body) {
        JsonNode r = body.get("reason");
        if (r != null && !r.isNull() && !r.isTextual()) {
            throw GatewayError.invalid("reason", "reason must be a string").toException();
        }
        String reason = r == null || r.isNull() || r.asText().isBlank() ? null : r.asText().strip();
        if (reason != null && reason.length() > MAX_REASON) {
            throw GatewayError.invalid("reason", "reason is limited to " + MAX_REASON + " characters").toException();
        }
        return reason;
    }

    private Future<AdminReply> run(Callable<ObjectNode> work) {
        return AdminCalls.blocking(vertx, 200, work, "the vendor switch store failed");
    }
}
