package dev.freeport.server;

import dev.freeport.module.AdminLog;

import dev.freeport.dialect.openai.OpenAiErrorJson;
import dev.freeport.error.Echo;
import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;
import dev.freeport.error.GatewayException;
import dev.freeport.flow.RequestFlow;
import dev.freeport.front.Endpoint;
import dev.freeport.front.ErrorShape;
import dev.freeport.front.Front;
import dev.freeport.json.Json;
import dev.freeport.module.AdminReply;
import dev.freeport.module.AdminRequest;
import dev.freeport.module.AdminRoutes;
import dev.freeport.module.AdminSessions;
import dev.freeport.module.WebRoutes;
import dev.freeport.module.PageRoute;
import dev.freeport.route.assembly.GatewayRuntime;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The HTTP edge: health and readiness, the admin door (admin key, small bodies, the admin groups of the gateway
 * and its modules), and every front's endpoints through the {@link EndpointTable}, handed to the request flow.
 */
final class HttpFront implements Handler<HttpServerRequest> {
    private static final Logger LOG = Logger.getLogger(HttpFront.class.getName());

    private final Supplier<GatewayRuntime> runtime;
    private final RequestFlow flow;
    private final EndpointTable table;
    private final List<AdminRoutes> admin;
    private final Supplier<String> state;
    private final Edge edge;
    /** the modules' browser routes and admin sessions (the web console), set before the server starts */
    private List<WebRoutes> web = List.of();
    private AdminSessions sessions = (method, header, keyId) -> null;
    private final AdminLog adminLog;
    /** modules' pages outside /admin (e.g. /metrics), by path */
    private final Map<String, PageRoute> pages;

    /**
     * @param state "ready" when the gateway takes requests, else what it is doing ("starting", "draining"): /ready
     *              answers 503 with it
     */
    HttpFront(Supplier<GatewayRuntime> runtime, RequestFlow flow, List<Front> fronts, List<AdminRoutes> admin,
              Supplier<String> state, Edge edge, AdminLog adminLog) {
        this(runtime, flow, fronts, admin, state, edge, adminLog, List.of());
    }

    HttpFront(Supplier<GatewayRuntime> runtime, RequestFlow flow, List<Front> fronts, List<AdminRoutes> admin,
              Supplier<String> state, Edge edge, AdminLog adminLog, List<PageRoute> pages) {
        this.adminLog = adminLog;
        this.runtime = runtime;
        this.pages = pages.stream().collect(Collectors.toUnmodifiableMap(PageRoute::path, p -> p));
        this.flow = flow;
        this.table = new EndpointTable(fronts);
        this.admin = List.copyOf(admin);
        this.state = state;
        this.edge = edge;
    }

    HttpFront withWeb(List<WebRoutes> routes, AdminSessions adminSessions) {
        this.web = List.copyOf(routes);
        this.sessions = adminSessions;
        return this;
    }

    @Override
    public void handle(HttpServerRequest req) {
        EdgeConnection conn = EdgeConnection.of(req);
        if (conn != null) {
            if (conn.overCap) {
                GatewayError e = edge.tooManyConnections();
                ErrorShape shape = table.frontFor(req::getHeader).errors();
                req.response().setStatusCode(shape.status(e)).putHeader("content-type", "application/json")
                        .putHeader("retry-after", "1").putHeader("connection", "close")
                        .end(Buffer.buffer(Json.bytes(shape.body(e)))).onComplete(v -> req.connection().close());
                return;
            }
            req.response().endHandler(conn.answered);
        }
        String path = req.path();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        switch (path) {
            case "/health", "/health/liveliness", "/health/liveness" -> plain(req, 200, "{\"status\":\"ok\"}");
            case "/ready", "/health/readiness" -> {
                String now = state.get();
                plain(req, "ready".equals(now) ? 200 : 503, "{\"status\":\"" + now + "\"}");
            }
            default -> route(req, path);
        }
    }

    /**
     * A request whose head the decoder refused (Netty's checks, or {@link EdgeDecoder}'s framing rules): 400 (414,
     * 431 for sizes) in OpenAI's format; Vert.x closes the connection after it.
     */
    void invalid(HttpServerRequest req) {
        Throwable cause = req.decoderResult().cause();
        GatewayError e = EdgeDecoder.rejection(cause);
        req.response().setStatusCode(e.status()).putHeader("content-type", "application/json")
                .putHeader("connection", "close").end(Buffer.buffer(OpenAiErrorJson.bytes(e)));
    }

    private void route(HttpServerRequest req, String path) {
        EndpointTable.Match match = table.find(path, req.method(), req.headers());
        if (match == null) {
            AdminRoutes group = path.startsWith("/admin/") ? adminGroup(path) : null;
            PageRoute modulePage = group == null ? pages.get(path) : null;
            WebRoutes page = group == null && modulePage == null
                    ? web.stream().filter(w -> w.serves(path)).findFirst().orElse(null) : null;
            if (group != null) {
                admin(req, path, group);
            } else if (modulePage != null) {
                page(req, modulePage);
            } else if (page != null) {
                WebDoor.serve(req, path, page, candidate -> adminRefusal(req, candidate) == null, adminKeyId(), edge);
            } else {
                error(req, new GatewayError(ErrorKind.NOT_FOUND, 404, "Unknown path " + req.method() + " " + path
                        + ". Freeport serves " + table.describe() + ".", null, "unknown_url", null),
                        table.frontFor(req::getHeader).errors());
            }
            return;
        }
        if (match.endpoint() == null) {
            String allowed = match.allowed().stream().map(HttpMethod::name).collect(Collectors.joining(", "));
            req.response().putHeader("allow", allowed);
            error(req, new GatewayError(ErrorKind.INVALID_REQUEST, 405, "Method " + req.method() + " is not allowed on "
                    + req.path() + "; use " + allowed + ".", null, "method_not_allowed", null), match.front().errors());
            return;
        }
        HttpCaller caller = new HttpCaller(req, edge);
        switch (match.endpoint()) {
            case Endpoint.Chat chat -> flow.chat(caller, chat);
            case Endpoint.Embeddings embeddings -> flow.embeddings(caller, embeddings);
            case Endpoint.Query query -> flow.query(caller, query, match.params());
        }
    }

    /** A module's page: GET (or HEAD) only, behind the admin key unless the config opens it. */
    private void page(HttpServerRequest req, PageRoute page) {
        if (req.method() != HttpMethod.GET && req.method() != HttpMethod.HEAD) {
            req.response().putHeader("allow", "GET, HEAD");
            error(req, new GatewayError(ErrorKind.INVALID_REQUEST, 405, "Method " + req.method() + " is not allowed on "
                    + page.path() + "; use GET.", null, "method_not_allowed", null), OpenAiErrorJson::of);
            return;
        }
        if (!page.open(runtime.get().config()) && adminCaller(req) == null) {
            return;
        }
        page.body().onSuccess(body -> {
            req.response().setStatusCode(200).putHeader("content-type", page.contentType())
                    .putHeader("cache-control", "no-store");
            HttpCaller.end(req, req.method() == HttpMethod.HEAD ? Buffer.buffer() : body);
        }).onFailure(failure -> adminError(req, failure));
    }

    // ---- the admin door ----------------------------------------------------------------------------------

    private AdminRoutes adminGroup(String path) {
        for (AdminRoutes group : admin) {
            if (group.serves(path)) {
                return group;
            }
        }
        return null;
    }

    /** Admin key, then the body (at most 64 KiB, refused while it streams in), then the group's answer. */
    private void admin(HttpServerRequest req, String path, AdminRoutes group) {
        String who = adminCaller(req);
        if (who == null) {
            return;
        }
        BodyRead.read(req, AdminRequest.MAX_BODY, edge).compose(body -> {
            Map<String, String> query = new HashMap<>();
            req.params().forEach(e -> query.putIfAbsent(e.getKey(), e.getValue()));
            String from = req.remoteAddress() == null ? "?" : req.remoteAddress().hostAddress();
            try {
                return group.handle(new AdminRequest(req.method(), path, query, body, from));
            } catch (GatewayException e) {
                return Future.<AdminReply>failedFuture(e);
            }
        }).onSuccess(reply -> {
            securityHeaders(req);
            req.response().setStatusCode(reply.status()).putHeader("content-type", "application/json")
                    .putHeader("cache-control", "no-store");
            HttpCaller.end(req, Buffer.buffer(reply.json()));
            AdminAudit.answered(adminLog, who, req, path, reply);
        }).onFailure(failure -> AdminAudit.refused(adminLog, who, req, path, adminError(req, failure)));
    }

    /**
     * Headers every admin answer carries (a browser must not sniff, frame or cache them, nor send their URL on);
     * HSTS over TLS. For the console's pages too.
     */
    static void securityHeaders(HttpServerRequest req) {
        if (req.response().headWritten()) {
            return;
        }
        req.response().putHeader("x-content-type-options", "nosniff").putHeader("x-frame-options", "DENY")
                .putHeader("content-security-policy", "default-src 'none'; frame-ancestors 'none'")
                .putHeader("referrer-policy", "no-referrer");
        if (req.isSSL()) {
            req.response().putHeader("strict-transport-security", "max-age=31536000");
        }
    }

    private static GatewayError adminError(HttpServerRequest req, Throwable failure) {
        securityHeaders(req);
        GatewayError error;
        if (failure instanceof GatewayException ge) {
            error = ge.error();
            if (error.kind() == ErrorKind.PAYLOAD_TOO_LARGE) {
                error = GatewayError.of(ErrorKind.PAYLOAD_TOO_LARGE, "admin request bodies are limited to "
                        + AdminRequest.MAX_BODY + " bytes");
            }
            if (!req.response().headWritten()) {
                ge.headers().forEach((k, v) -> req.response().putHeader(k, v));
            }
        } else {
            LOG.log(Level.WARNING, "admin call failed: " + failure.getMessage(), failure);
            error = GatewayError.of(ErrorKind.INTERNAL, "admin call failed; see the gateway log");
        }
        error(req, error, OpenAiErrorJson::of);
        return error;
    }

    /**
     * Who the admin caller is (for the audit log): the key, or the browser session that stands in for it; null when
     * refused (the refusal is answered).
     */
    private String adminCaller(HttpServerRequest req) {
        String presented = HttpCaller.presentedKey(req);
        if (presented == null) {
            // a browser session (the web console's cookie) stands in for the key; it checks its own CSRF token
            AdminSessions.Verdict session = sessions.check(req.method(), req::getHeader, adminKeyId());
            if (session instanceof AdminSessions.Allowed allowed) {
                return AdminAudit.viaSession(runtime.get().config().server(), allowed.who());
            }
            if (session instanceof AdminSessions.Refused refused) {
                error(req, refused.error(), OpenAiErrorJson::of);
                return null;
            }
        }
        GatewayError refusal = adminRefusal(req, presented);
        if (refusal == null) {
            return AdminAudit.who(runtime.get().config().server(), req);
        }
        error(req, refusal, table.frontFor(req::getHeader).errors());
        return null;
    }

    /** A SHA-256 of the admin key now ("" without one): sessions opened under another key are over. */
    private String adminKeyId() {
        String key = runtime.get().config().server().effectiveAdminKey();
        if (key == null || key.isEmpty()) {
            return "";
        }
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Null when {@code presented} (null: no key) opens the admin door for this caller, else why not. */
    private GatewayError adminRefusal(HttpServerRequest req, String presented) {
        var server = runtime.get().config().server();
        String adminKey = server.effectiveAdminKey();
        if (adminKey == null || adminKey.isEmpty()) {
            // without a key, only a gateway that listens on loopback trusts loopback peers: beyond it, a reverse
            // proxy on the same host would make every outside caller look local
            String remote = req.remoteAddress() == null ? "" : req.remoteAddress().hostAddress();
            if (server.loopbackOnly() && (remote.equals("127.0.0.1") || remote.equals("0:0:0:0:0:0:0:1")
                    || remote.equals("::1"))) {
                // a web page of another site, open in a local browser, must not drive the keyless admin door
                return crossSite(req) ? new GatewayError(ErrorKind.PERMISSION, 403, "Admin calls without an admin key"
                        + " are refused from a web page of another site (Origin " + Echo.of(req.getHeader("origin"))
                        + "); set server.admin_key to call the admin API from a browser.", null, "admin_forbidden",
                        null) : null;
            }
            return new GatewayError(ErrorKind.PERMISSION, 403, server.loopbackOnly()
                    ? "Admin calls without an admin key are only accepted from localhost; set server.admin_key."
                    : "Admin calls need a key when the gateway listens beyond loopback (" + server.host()
                    + "): set server.admin_key (or server.master_key) and send it as 'Authorization: Bearer KEY'.",
                    null, "admin_forbidden", null);
        }
        if (presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                adminKey.getBytes(StandardCharsets.UTF_8))) {
            return null;
        }
        return new GatewayError(ErrorKind.AUTHENTICATION, 401, presented == null
                ? "Missing API key: send it as 'Authorization: Bearer KEY' or 'x-api-key: KEY'."
                : "Incorrect API key provided.", null, presented == null ? "missing_api_key" : "invalid_api_key",
                null);
    }

    /**
     * Whether a browser sent this request for a page of another site: its {@code Sec-Fetch-Site} says so, or its
     * {@code Origin} names another host than the one it called. Clients other than browsers send neither.
     */
    static boolean crossSite(HttpServerRequest req) {
        String site = req.getHeader("sec-fetch-site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return true;
        }
        String origin = req.getHeader("origin");
        if (origin == null) {
            return false;
        }
        String host = req.getHeader("host");
        int scheme = origin.indexOf("://");
        return host == null || scheme < 0 || !origin.substring(scheme + 3).equalsIgnoreCase(host);
    }

    // ---- writing -----------------------------------------------------------------------------------------

    private static void plain(HttpServerRequest req, int status, String json) {
        req.response().setStatusCode(status).putHeader("content-type", "application/json");
        HttpCaller.end(req, Buffer.buffer(json));
    }

    private static void error(HttpServerRequest req, GatewayError e, ErrorShape shape) {
        if (req.response().headWritten()) {
            return;
        }
        req.response().setStatusCode(shape.status(e)).putHeader("content-type", "application/json");
        if (e.retryAfterSeconds() != null) {
            req.response().putHeader("retry-after", Long.toString(e.retryAfterSeconds()));
        }
        HttpCaller.end(req, Buffer.buffer(Json.bytes(shape.body(e))));
    }
}
