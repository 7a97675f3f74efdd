package dev.freeport.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.config.ServerConfig;
import dev.freeport.error.GatewayError;
import dev.freeport.json.Json;
import dev.freeport.module.AdminAction;
import dev.freeport.module.AdminLog;
import dev.freeport.module.AdminReply;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

import java.util.Iterator;
import java.util.Set;

/**
 * The admin door's side of the audit log: who an admin caller is (which kind of key, never the key), and the entry of each
 * answered admin request that changes something (every method but GET and HEAD), with the state before (when the
 * group says) and after (the answer), secrets stripped.
 */
final class AdminAudit {
    /** The header the CLI sends with the name of the user who ran it (what the CLI says: a claim, not proof). */
    static final String CLI_USER_HEADER = "x-freeport-cli-user";
    /** Fields never kept: an issued key's secret, anything that names a key or password, and answer noise. */
    private static final Set<String> DROPPED = Set.of("secret", "api_key", "master_key", "admin_key", "password",
            "token", "warning", "open_gateway");

    private AdminAudit() {
    }

    /**
     * Who called: "admin key" (server.admin_key), "master key" (no admin key set), "no key (loopback)". Never a
     * fingerprint of the key: a short hash of a weak key could be matched against guesses.
     */
    static String who(ServerConfig server, HttpServerRequest req) {
        String id = server.effectiveAdminKey() == null ? "no key (loopback)"
                : server.adminKey() != null ? "admin key" : "master key";
        String cli = req.getHeader(CLI_USER_HEADER);
        return cli == null || cli.isBlank() ? id : id + " via cli:" + clean(cli);
    }

    /** A browser session opened with the admin key: "admin key via console session 3fa9c2d1". */
    static String viaSession(ServerConfig server, String session) {
        String id = server.effectiveAdminKey() == null ? "no key (loopback)"
                : server.adminKey() != null ? "admin key" : "master key";
        return id + " via " + (session.length() > 64 ? session.substring(0, 64) : session);
    }

    static boolean changes(HttpMethod m) {
        return !m.equals(HttpMethod.GET) && !m.equals(HttpMethod.HEAD) && !m.equals(HttpMethod.OPTIONS);
    }

    static void answered(AdminLog log, String who, HttpServerRequest req, String path, AdminReply reply) {
        if (log == null || who == null || !changes(req.method())) {
            return;
        }
        log.append(new AdminAction(System.currentTimeMillis(), who, from(req), req.method().name(), path,
                reply.status(), reply.before() == null ? null : scrubbed(reply.before()), scrubbed(reply.json()), null));
    }

    static void refused(AdminLog log, String who, HttpServerRequest req, String path, GatewayError error) {
        if (log == null || who == null || !changes(req.method())) {
            return;
        }
        log.append(new AdminAction(System.currentTimeMillis(), who, from(req), req.method().name(), path,
                error.status(), null, null, error.message()));
    }

    private static String from(HttpServerRequest req) {
        return req.remoteAddress() == null ? "?" : req.remoteAddress().hostAddress();
    }

    private static String scrubbed(byte[] json) {
        try {
            JsonNode n = Json.MAPPER.readTree(json);
            return n instanceof ObjectNode o ? scrubbed(o) : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** A copy without secret-bearing fields, at any depth. */
    static String scrubbed(ObjectNode o) {
        ObjectNode copy = o.deepCopy();
        strip(copy);
        return copy.toString();
    }

    private static void strip(JsonNode n) {
        if (n instanceof ObjectNode o) {
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                if (DROPPED.contains(it.next())) {
                    it.remove();
                }
            }
            o.forEach(AdminAudit::strip);
        } else if (n.isArray()) {
            n.forEach(AdminAudit::strip);
        }
    }

    private static String clean(String s) {
        String t = s.strip().replaceAll("[^A-Za-z0-9._@-]", "_");
        return t.length() > 64 ? t.substring(0, 64) : t;
    }
}
