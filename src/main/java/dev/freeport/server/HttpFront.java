package dev.freeport.server;

import dev.freeport.flow.Guard;
import dev.freeport.flow.RequestFlow;
import dev.freeport.route.assembly.GatewayRuntime;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.caller.Principal;
import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayException;
import dev.freeport.error.GatewayError;
import dev.freeport.front.ChatFront;
import dev.freeport.front.anthropic.AnthropicFront;
import dev.freeport.dialect.anthropic.AnthropicModels;
import dev.freeport.json.Json;
import dev.freeport.front.openai.OpenAiFront;
import dev.freeport.route.AliasRoute;
import dev.freeport.route.Target;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Supplier;

/**
 * Routes HTTP requests to the flow and answers the small endpoints itself: models, health, readiness, admin
 * reload. A hand-written switch rather than a router library: a handful of paths, and the hot path stays short.
 */
final class HttpFront implements Handler<HttpServerRequest> {
    private static final long CREATED = 1_735_689_600L; // 2025-01-01, a stable "created" for aliases

    private final Supplier<GatewayRuntime> runtime;
    private final RequestFlow flow;
    private final Supplier<Boolean> ready;
    private final Supplier<io.vertx.core.Future<Void>> reload;

    private final dev.freeport.access.AdminApi admin;
    private final AdminRoutes moreAdmin;

    HttpFront(Supplier<GatewayRuntime> runtime, RequestFlow flow, Supplier<Boolean> ready,
              Supplier<io.vertx.core.Future<Void>> reload, dev.freeport.access.AdminApi admin, AdminRoutes moreAdmin) {
        this.admin = admin;
        this.moreAdmin = moreAdmin;
        this.runtime = runtime;
        this.flow = flow;
        this.ready = ready;
        this.reload = reload;
    }

    @Override
    public void handle(HttpServerRequest req) {
        String path = req.path();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        HttpMethod method = req.method();
        switch (path) {
            case "/v1/chat/completions", "/chat/completions" -> {
                if (allow(req, HttpMethod.POST)) {
                    flow.chat(req, OpenAiFront.INSTANCE);
                }
            }
            case "/v1/messages", "/messages" -> {
                if (allow(req, HttpMethod.POST, AnthropicFront.INSTANCE)) {
                    flow.chat(req, AnthropicFront.INSTANCE);
                }
            }
            case "/v1/messages/count_tokens", "/messages/count_tokens" -> {
                if (allow(req, HttpMethod.POST, AnthropicFront.INSTANCE)) {
                    flow.countTokens(req);
                }
            }
            case "/v1/embeddings", "/embeddings" -> {
                if (allow(req, HttpMethod.POST)) {
                    flow.embeddings(req);
                }
            }
            case "/v1/models", "/models" -> {
                if (allow(req, HttpMethod.GET)) {
                    withPrincipal(req, principal -> models(req, principal));
                }
            }
            case "/health" -> plain(req, 200, "{\"status\":\"ok\"}");
            case "/ready" -> {
                boolean ok = ready.get();
                plain(req, ok ? 200 : 503, ok ? "{\"status\":\"ready\"}" : "{\"status\":\"starting\"}");
            }
            case "/admin/audit" -> {
                if (allow(req, HttpMethod.GET) && adminAuthorized(req)) {
                    audit(req);
                }
            }
            case "/admin/reload" -> {
                if (allow(req, HttpMethod.POST) && adminAuthorized(req)) {
                    reloadNow(req);
                }
            }
            default -> {
                if (method == HttpMethod.GET && (path.startsWith("/v1/models/") || path.startsWith("/models/"))) {
                    String id = path.substring(path.indexOf("/models/") + 8);
                    withPrincipal(req, principal -> model(req, principal, id));
                } else if (admin != null && dev.freeport.access.AdminApi.serves(path)) {
                    if (adminAuthorized(req)) {
                        admin.handle(req, path);
                    }
                } else if (moreAdmin != null && moreAdmin.serves(path)) {
                    if (adminAuthorized(req)) {
                        moreAdmin.handle(req, path);
                    }
                } else {
                    error(req, new GatewayError(ErrorKind.NOT_FOUND, 404, "Unknown path " + method + " " + path
                            + ". Freeport serves POST /v1/chat/completions, POST /v1/embeddings, GET /v1/models.",
                            null, "unknown_url", null));
                }
            }
        }
    }

    private boolean allow(HttpServerRequest req, HttpMethod method) {
        return allow(req, method, OpenAiFront.INSTANCE);
    }

    private boolean allow(HttpServerRequest req, HttpMethod method, ChatFront front) {
        if (req.method() == method) {
            return true;
        }
        req.response().putHeader("allow", method.name());
        error(req, new GatewayError(ErrorKind.INVALID_REQUEST, 405, "Method " + req.method() + " is not allowed on "
                + req.path() + "; use " + method + ".", null, "method_not_allowed", null), front);
        return false;
    }

    private void withPrincipal(HttpServerRequest req, java.util.function.Consumer<Principal> then) {
        runtime.get().authenticator().authenticate(Guard.presentedKey(req)).onComplete(auth -> {
            if (auth.succeeded()) {
                then.accept(auth.result());
            } else if (auth.cause() instanceof GatewayException ge) {
                error(req, ge.error());
            } else {
                error(req, GatewayError.of(ErrorKind.INTERNAL, "authentication failed unexpectedly"));
            }
        });
    }

    private boolean adminAuthorized(HttpServerRequest req) {
        var server = runtime.get().config().server();
        String admin = server.adminKey() != null ? server.adminKey() : server.masterKey();
        if (admin == null || admin.isEmpty()) {
            String remote = req.remoteAddress() == null ? "" : req.remoteAddress().hostAddress();
            if (remote.equals("127.0.0.1") || remote.equals("0:0:0:0:0:0:0:1") || remote.equals("::1")) {
                return true;
            }
            error(req, new GatewayError(ErrorKind.PERMISSION, 403, "Admin calls without an admin key are only "
                    + "accepted from localhost; set server.admin_key.", null, "admin_forbidden", null));
            return false;
        }
        return keyMatches(req, admin);
    }

    private boolean keyMatches(HttpServerRequest req, String key) {
        if (key == null || key.isEmpty()) {
            return true;
        }
        String presented = Guard.presentedKey(req);
        if (presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                key.getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        error(req, new GatewayError(ErrorKind.AUTHENTICATION, 401, presented == null
                ? "Missing API key: send it as 'Authorization: Bearer KEY' or 'x-api-key: KEY'."
                : "Incorrect API key provided.", null, presented == null ? "missing_api_key" : "invalid_api_key",
                null));
        return false;
    }

    private void models(HttpServerRequest req, Principal principal) {
        if (req.getHeader("anthropic-version") != null) {
            send(req, 200, AnthropicModels.list(runtime.get().routes().keySet().stream()
                    .filter(principal::mayUse).toList()));
            return;
        }
        ObjectNode root = Json.NODES.objectNode();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        for (AliasRoute route : runtime.get().routes().values()) {
            if (principal.mayUse(route.alias())) {
                data.add(describe(route));
            }
        }
        send(req, 200, root);
    }

    private void model(HttpServerRequest req, Principal principal, String id) {
        AliasRoute route = runtime.get().route(id);
        if (route == null || !principal.mayUse(id)) {
            error(req, new GatewayError(ErrorKind.NOT_FOUND, 404, "The model '" + id + "' does not exist. Known "
                    + "models: " + String.join(", ", runtime.get().routes().keySet()) + ".", "model",
                    "model_not_found", null));
            return;
        }
        send(req, 200, req.getHeader("anthropic-version") != null ? AnthropicModels.one(route.alias())
                : describe(route));
    }

    private static ObjectNode describe(AliasRoute route) {
        ObjectNode m = Json.NODES.objectNode();
        m.put("id", route.alias());
        m.put("object", "model");
        m.put("created", CREATED);
        m.put("owned_by", "freeport");
        ObjectNode fp = m.putObject("freeport");
        fp.put("simulated", route.simulated());
        if (route.description() != null) {
            fp.put("description", route.description());
        }
        fp.put("strategy", route.strategy().name().toLowerCase(java.util.Locale.ROOT));
        ArrayNode targets = fp.putArray("targets");
        for (Target t : route.targets()) {
            ObjectNode tn = targets.addObject();
            tn.put("provider", t.provider().name());
            tn.put("model", t.upstreamModel());
            tn.put("simulated", t.provider().simulated());
            tn.put("circuit", t.breaker().state().name().toLowerCase(java.util.Locale.ROOT));
        }
        return m;
    }

    /** The spend audit of this gateway's ledger as JSON (?since=30d); computed on a worker thread. */
    private void audit(HttpServerRequest req) {
        java.time.Duration since;
        try {
            since = dev.freeport.ledger.UsageSummary.parseSince(req.getParam("since", "30d"));
        } catch (IllegalArgumentException e) {
            error(req, GatewayError.invalid("since", e.getMessage()));
            return;
        }
        var config = runtime.get().config();
        io.vertx.core.Vertx.currentContext().owner().executeBlocking(() ->
                dev.freeport.audit.AuditService.json(config.ledger().dataDir(), since, config), false)
                .onSuccess(json -> send(req, 200, json))
                .onFailure(t -> error(req, GatewayError.of(ErrorKind.INTERNAL, "audit failed: " + t.getMessage())));
    }

    private void reloadNow(HttpServerRequest req) {
        reload.get().onComplete(done -> {
            if (done.succeeded()) {
                plain(req, 200, "{\"status\":\"reloaded\"}");
            } else {
                error(req, new GatewayError(ErrorKind.INVALID_REQUEST, 400, "reload refused, the running config "
                        + "stays: " + done.cause().getMessage(), null, "invalid_config", null));
            }
        });
    }

    private static void send(HttpServerRequest req, int status, ObjectNode body) {
        req.response().setStatusCode(status).putHeader("content-type", "application/json")
                .end(Buffer.buffer(Json.bytes(body)));
    }

    private static void plain(HttpServerRequest req, int status, String json) {
        req.response().setStatusCode(status).putHeader("content-type", "application/json").end(json);
    }

    private static void error(HttpServerRequest req, GatewayError e) {
        error(req, e, req.getHeader("anthropic-version") != null ? AnthropicFront.INSTANCE : OpenAiFront.INSTANCE);
    }

    private static void error(HttpServerRequest req, GatewayError e, ChatFront front) {
        if (req.response().headWritten()) {
            return;
        }
        req.response().setStatusCode(front.errorStatus(e)).putHeader("content-type", "application/json")
                .end(Buffer.buffer(Json.bytes(front.errorBody(e))));
    }
}
