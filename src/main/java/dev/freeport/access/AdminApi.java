package dev.freeport.access;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.module.AdminCalls;
import dev.freeport.module.AdminReply;
import dev.freeport.module.AdminRequest;
import dev.freeport.module.AdminRoutes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * The admin REST API for keys and teams (JSON): POST/GET /admin/keys, GET/PATCH/DELETE /admin/keys/{id},
 * POST /admin/keys/{id}/rotate, POST/GET /admin/teams, GET/PATCH/DELETE /admin/teams/{name}, and the OpenAPI 3.1
 * description at GET /admin/openapi.json. The server has already checked the admin key. The database work runs on
 * a worker thread; the event loop only parses and answers.
 */
public final class AdminApi implements AdminRoutes {

    private final Vertx vertx;
    private final AccessService service;
    private final byte[] openApi;
    /** a warning for a new key's answer (the gateway is open to callers without a key), or null */
    private final java.util.function.Supplier<String> createdWarning;

    public AdminApi(Vertx vertx, AccessService service) {
        this(vertx, service, () -> null);
    }

    public AdminApi(Vertx vertx, AccessService service, java.util.function.Supplier<String> createdWarning) {
        this.vertx = vertx;
        this.service = service;
        this.createdWarning = createdWarning;
        try (InputStream in = AdminApi.class.getResourceAsStream("openapi.json")) {
            this.openApi = in == null ? "{}".getBytes() : in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read openapi.json", e);
        }
    }

    private ObjectNode withOpenWarning(ObjectNode issued) {
        String w = createdWarning.get();
        if (w != null) {
            issued.put("open_gateway", w);
        }
        return issued;
    }

    @Override
    public boolean serves(String path) {
        return path.equals("/admin/openapi.json") || path.equals("/admin/keys") || path.startsWith("/admin/keys/")
                || path.equals("/admin/teams") || path.startsWith("/admin/teams/");
    }

    @Override
    public Future<AdminReply> handle(AdminRequest req) {
        String[] parts = req.path().substring("/admin/".length()).split("/");
        HttpMethod m = req.method();
        if (parts[0].equals("openapi.json")) {
            AdminCalls.requireMethod(req, HttpMethod.GET);
            return Future.succeededFuture(new AdminReply(200, openApi));
        }
        boolean keys = parts[0].equals("keys");
        if (parts.length == 1) {
            AdminCalls.requireMethod(req, HttpMethod.GET, HttpMethod.POST);
            if (m == HttpMethod.GET) {
                return run(200, () -> keys
                        ? AdminJson.list(service.keys().stream().map(k -> AdminJson.key(k, now())).toList())
                        : AdminJson.list(service.teams().stream().map(AdminJson::team).toList()));
            }
            ObjectNode body = req.body();
            return run(201, () -> keys ? withOpenWarning(AdminJson.issued(service.createKey(body), now()))
                    : AdminJson.team(service.createTeam(body)));
        }
        String id = parts[1];
        if (parts.length == 3 && keys && parts[2].equals("rotate")) {
            AdminCalls.requireMethod(req, HttpMethod.POST);
            return before(true, id).compose(before -> run(200, () -> AdminJson.issued(service.rotateKey(id), now()))
                    .map(r -> r.withBefore(before)));
        }
        if (parts.length > 2) {
            throw AdminCalls.unknownPath(req.path(), null);
        }
        AdminCalls.requireMethod(req, HttpMethod.GET, HttpMethod.PATCH, HttpMethod.DELETE);
        if (m == HttpMethod.GET) {
            return run(200, () -> keys ? AdminJson.key(service.key(id), now()) : AdminJson.team(service.team(id)));
        }
        if (m == HttpMethod.PATCH) {
            ObjectNode body = req.body();
            return before(keys, id).compose(before -> run(200, () -> keys
                    ? AdminJson.key(service.updateKey(id, body), now())
                    : AdminJson.team(service.updateTeam(id, body))).map(r -> r.withBefore(before)));
        }
        return before(keys, id).compose(before -> run(200, () -> keys ? AdminJson.key(service.revokeKey(id), now())
                : AdminJson.team(service.deleteTeam(id))).map(r -> r.withBefore(before)));
    }

    /** The key's or team's state before a change, for the audit log; null when it cannot be read (unknown id). */
    private Future<ObjectNode> before(boolean keys, String id) {
        return vertx.<ObjectNode>executeBlocking(() -> keys ? AdminJson.key(service.key(id), now())
                : AdminJson.team(service.team(id)), false).otherwise((ObjectNode) null);
    }

    private Instant now() {
        return service.clock().instant();
    }

    private Future<AdminReply> run(int status, Callable<ObjectNode> work) {
        return AdminCalls.blocking(vertx, status, work, "the key store failed");
    }
}
