package dev.freeport.access;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;
import dev.freeport.json.Json;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * The admin REST API for keys and teams (JSON): POST/GET /admin/keys, GET/PATCH/DELETE /admin/keys/{id},
 * POST /admin/keys/{id}/rotate, POST/GET /admin/teams, GET/PATCH/DELETE /admin/teams/{name}, and the OpenAPI 3.1
 * description at GET /admin/openapi.json. The caller (HttpFront) has already checked the admin key. The database
 * work runs on a worker thread; the event loop only parses and answers.
 */
public final class AdminApi {

    private final Vertx vertx;
    private final AccessService service;
    private final byte[] openApi;

    public AdminApi(Vertx vertx, AccessService service) {
        this.vertx = vertx;
        this.service = service;
        try (InputStream in = AdminApi.class.getResourceAsStream("openapi.json")) {
            this.openApi = in == null ? "{}".getBytes() : in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read openapi.json", e);
        }
    }

    /** Whether {@code path} (no trailing slash) belongs to this API. */
    public static boolean serves(String path) {
        return path.equals("/admin/openapi.json") || path.equals("/admin/keys") || path.startsWith("/admin/keys/")
                || path.equals("/admin/teams") || path.startsWith("/admin/teams/");
    }

    /** Answers one admin request; {@code path} is the request path without a trailing slash. */
    public void handle(HttpServerRequest req, String path) {
        String[] parts = path.substring("/admin/".length()).split("/");
        HttpMethod m = req.method();
        if (parts[0].equals("openapi.json")) {
            if (method(req, m, HttpMethod.GET)) {
                req.response().putHeader("content-type", "application/json").end(Buffer.buffer(openApi));
            }
            return;
        }
        boolean keys = parts[0].equals("keys");
        if (parts.length == 1) {
            if (m == HttpMethod.GET) {
                run(req, 200, () -> keys
                        ? AdminJson.list(service.keys().stream().map(k -> AdminJson.key(k, now())).toList())
                        : AdminJson.list(service.teams().stream().map(AdminJson::team).toList()));
            } else if (method(req, m, HttpMethod.POST)) {
                withBody(req, body -> run(req, 201, () -> keys ? AdminJson.issued(service.createKey(body), now())
                        : AdminJson.team(service.createTeam(body))));
            }
            return;
        }
        String id = parts[1];
        if (parts.length == 3 && keys && parts[2].equals("rotate")) {
            if (method(req, m, HttpMethod.POST)) {
                run(req, 200, () -> AdminJson.issued(service.rotateKey(id), now()));
            }
            return;
        }
        if (parts.length > 2) {
            error(req, new GatewayError(ErrorKind.NOT_FOUND, 404, "Unknown admin path " + path, null, "unknown_url",
                    null));
            return;
        }
        switch (m.name()) {
            case "GET" -> run(req, 200, () -> keys ? AdminJson.key(service.key(id), now())
                    : AdminJson.team(service.team(id)));
            case "PATCH" -> withBody(req, body -> run(req, 200, () -> keys
                    ? AdminJson.key(service.updateKey(id, body), now()) : AdminJson.team(service.updateTeam(id, body))));
            case "DELETE" -> run(req, 200, () -> keys ? AdminJson.key(service.revokeKey(id), now())
                    : AdminJson.team(service.deleteTeam(id)));
            default -> {
                req.response().putHeader("allow", "GET, PATCH, DELETE");
                error(req, new GatewayError(ErrorKind.INVALID_REQUEST, 405, "Method " + m + " is not allowed on "
                        + path + "; use GET, PATCH or DELETE.", null, "method_not_allowed", null));
            }
        }
    }

    private Instant now() {
        return service.clock().instant();
    }

    private static boolean method(HttpServerRequest req, HttpMethod actual, HttpMethod wanted) {
        return AdminHttp.method(req, actual, wanted);
    }

    private static void withBody(HttpServerRequest req, java.util.function.Consumer<ObjectNode> then) {
        AdminHttp.withBody(req, then);
    }

    private void run(HttpServerRequest req, int status, Callable<ObjectNode> work) {
        AdminHttp.run(vertx, req, status, work, "the key store failed");
    }

    private static void error(HttpServerRequest req, GatewayError e) {
        AdminHttp.error(req, e);
    }
}
