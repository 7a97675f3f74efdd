package dev.freeport.adminlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.config.FreeportConfig;
import dev.freeport.error.GatewayError;
import dev.freeport.json.Json;
import dev.freeport.ledger.UsageSummary;
import dev.freeport.module.AdminAction;
import dev.freeport.module.AdminCalls;
import dev.freeport.module.AdminLog;
import dev.freeport.module.AdminReply;
import dev.freeport.module.AdminRequest;
import dev.freeport.module.AdminRoutes;
import dev.freeport.module.Module;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The admin audit log as a module: the store (docs/OPERATIONS.md, "Admin audit log"), the sink the admin door
 * appends to (one writer thread, so entries land in the order they were answered, never on an event loop), and
 * {@code GET /admin/log?since=7d&limit=100}.
 */
public final class AdminLogModule implements Module, AdminLog, AdminRoutes {
    private static final Logger LOG = Logger.getLogger(AdminLogModule.class.getName());
    static final int MAX_LIMIT = 1000;

    private final Vertx vertx;
    private final AdminLogStore store;
    private final ThreadPoolExecutor writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(10_000), r -> Thread.ofPlatform().daemon().name("freeport-admin-log").unstarted(r));

    private AdminLogModule(Vertx vertx, AdminLogStore store) {
        this.vertx = vertx;
        this.store = store;
    }

    /** Opens the log in the config's store (blocking: its migration runs here). */
    public static AdminLogModule open(Vertx vertx, FreeportConfig cfg) {
        return new AdminLogModule(vertx, AdminLogStore.open(cfg.store(), cfg.ledger().dataDir()));
    }

    /** Over a store already opened (tests: the console's harness keeps its stores in its own folder). */
    public static AdminLogModule open(Vertx vertx, AdminLogStore store) {
        return new AdminLogModule(vertx, store);
    }

    @Override
    public AdminLog adminLog() {
        return this;
    }

    @Override
    public List<AdminRoutes> adminRoutes() {
        return List.of(this);
    }

    @Override
    public void append(AdminAction action) {
        try {
            writer.execute(() -> {
                try {
                    store.append(action);
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "admin action not logged: " + action.method() + " " + action.path()
                            + " by " + action.who(), e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.severe("admin log queue full or closed: not logged: " + action.method() + " " + action.path()
                    + " by " + action.who());
        }
    }

    @Override
    public boolean serves(String path) {
        return path.equals("/admin/log");
    }

    @Override
    public Future<AdminReply> handle(AdminRequest req) {
        AdminCalls.requireMethod(req, HttpMethod.GET);
        Duration since;
        try {
            since = UsageSummary.parseSince(req.query().getOrDefault("since", "7d"));
        } catch (IllegalArgumentException e) {
            throw GatewayError.invalid("since", e.getMessage()).toException();
        }
        int limit;
        try {
            limit = Integer.parseInt(req.query().getOrDefault("limit", "100"));
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw GatewayError.invalid("limit", "limit must be a whole number from 1 to " + MAX_LIMIT).toException();
        }
        long from = System.currentTimeMillis() - since.toMillis();
        int max = limit;
        return AdminCalls.blocking(vertx, 200, () -> json(store.since(from, max)), "reading the admin log failed");
    }

    /** The entries as GET /admin/log answers them: {"object": "list", "data": [...]}, newest first. */
    static ObjectNode json(List<AdminAction> entries) {
        ObjectNode n = Json.NODES.objectNode().put("object", "list");
        ArrayNode data = n.putArray("data");
        for (AdminAction a : entries) {
            ObjectNode e = data.addObject();
            e.put("time", Instant.ofEpochMilli(a.timeMillis()).toString());
            e.put("who", a.who());
            e.put("from", a.from());
            e.put("method", a.method());
            e.put("path", a.path());
            e.put("status", a.status());
            e.set("before", tree(a.before()));
            e.set("after", tree(a.after()));
            if (a.error() != null) {
                e.put("error", a.error());
            }
        }
        return n;
    }

    private static JsonNode tree(String json) {
        if (json == null) {
            return Json.NODES.nullNode();
        }
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            return Json.NODES.textNode(json);
        }
    }

    /** Waits for queued entries to be written (tests, close). */
    public void drain(Duration max) {
        long end = System.nanoTime() + max.toNanos();
        while ((writer.getActiveCount() > 0 || !writer.getQueue().isEmpty()) && System.nanoTime() < end) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
    }
}
