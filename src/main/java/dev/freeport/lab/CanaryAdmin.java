package dev.freeport.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.config.CanaryConfig;
import dev.freeport.config.ConfigUnits;
import dev.freeport.config.FreeportConfig;
import dev.freeport.config.ModelConfig;
import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;
import dev.freeport.json.Json;
import dev.freeport.module.AdminCalls;
import dev.freeport.module.AdminReply;
import dev.freeport.module.AdminRequest;
import dev.freeport.module.AdminRoutes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * {@code /admin/migrate/canary}: {@code GET} every canary; {@code POST} {"alias", "to", "share", and optionally
 * "max_error_rate_delta", "min_requests", "window", else the alias's {@code canary:} thresholds, else the
 * defaults} starts one; {@code GET .../{alias}} one canary with this
 * replica's window; {@code POST .../{alias}/promote} (optional {"share"}) steps the share up (5, 25, 50, 100 %);
 * {@code POST .../{alias}/rollback} and {@code .../end} (optional {"reason"}) stop it. Every change is an admin
 * action the door logs (with the state before); the store work runs on a worker.
 */
final class CanaryAdmin implements AdminRoutes {
    static final String ROOT = LabAdmin.ROOT + "/canary";
    private static final int MAX_REASON = 500;

    private final Vertx vertx;
    private final CanaryBoard board;
    private final CanaryWatch watch;
    private final Supplier<FreeportConfig> config;

    CanaryAdmin(Vertx vertx, CanaryBoard board, CanaryWatch watch, Supplier<FreeportConfig> config) {
        this.vertx = vertx;
        this.board = board;
        this.watch = watch;
        this.config = config;
    }

    @Override
    public boolean serves(String path) {
        return path.equals(ROOT) || path.startsWith(ROOT + "/");
    }

    @Override
    public Future<AdminReply> handle(AdminRequest req) {
        String[] seg = req.segmentsAfter(ROOT);
        if (seg.length == 0) {
            AdminCalls.requireMethod(req, HttpMethod.GET, HttpMethod.POST);
            if (req.method().equals(HttpMethod.GET)) {
                return run(200, () -> list());
            }
            return start(req);
        }
        String alias = seg[0];
        if (seg.length == 1) {
            AdminCalls.requireMethod(req, HttpMethod.GET);
            return run(200, () -> json(board.list().stream().filter(s -> s.alias().equals(alias)).findFirst()
                    .orElseThrow(() -> none(alias))));
        }
        if (seg.length == 2 && Set.of("promote", "rollback", "end").contains(seg[1])) {
            AdminCalls.requireMethod(req, HttpMethod.POST);
            return step(req, alias, seg[1]);
        }
        throw AdminCalls.unknownPath(req.path(), "use GET or POST " + ROOT + ", GET " + ROOT + "/{alias}, POST "
                + ROOT + "/{alias}/promote, /rollback or /end.");
    }

    private Future<AdminReply> start(AdminRequest req) {
        ObjectNode body = req.body();
        String alias = text(body, "alias", true);
        String to = text(body, "to", true);
        FreeportConfig cfg = config.get();
        requireAlias(cfg, alias, "alias");
        requireAlias(cfg, to, "to");
        if (alias.equals(to)) {
            throw GatewayError.invalid("to", "a canary's candidate must be another alias than '" + alias + "'")
                    .toException();
        }
        int share = share(body.get("share"), true);
        CanaryConfig defaults = cfg.models().stream().filter(m -> m.name().equals(alias) && m.canary() != null)
                .map(ModelConfig::canary).findFirst().orElse(CanaryConfig.DEFAULT);
        double delta = body.hasNonNull("max_error_rate_delta") ? fraction(body.get("max_error_rate_delta"))
                : defaults.maxErrorRateDelta();
        int min = body.hasNonNull("min_requests") ? positive(body.get("min_requests"), "min_requests")
                : defaults.minRequests();
        Duration window = body.hasNonNull("window") ? window(body.get("window")) : defaults.window();
        String by = "admin-api@" + req.from();
        ObjectNode[] before = new ObjectNode[1];
        return run(200, () -> {
            Instant now = Instant.now();
            CanaryState s = board.change(alias, cur -> {
                before[0] = cur == null ? null : json(cur);
                if (cur != null && cur.running()) {
                    throw conflict("A canary of '" + alias + "' to '" + cur.candidate() + "' is running at "
                            + cur.percent() + " %: promote, roll back or end it first.");
                }
                return new CanaryState(alias, to, share, CanaryState.Status.RUNNING, delta, min, window, null, by,
                        now, now, 0);
            });
            return json(s);
        }).map(r -> r.withBefore(before[0]));
    }

    private Future<AdminReply> step(AdminRequest req, String alias, String verb) {
        ObjectNode body = req.body();
        Integer share = verb.equals("promote") && body.hasNonNull("share") ? share(body.get("share"), false) : null;
        String reason = verb.equals("promote") ? null : reason(body);
        String by = "admin-api@" + req.from();
        ObjectNode[] before = new ObjectNode[1];
        return run(200, () -> {
            Instant now = Instant.now();
            CanaryState s = board.change(alias, cur -> {
                if (cur == null) {
                    throw none(alias);
                }
                before[0] = json(cur);
                if (!cur.running()) {
                    throw conflict("The canary of '" + alias + "' is not running (" + cur.status().label()
                            + "); start a new one with POST " + ROOT + ".");
                }
                return switch (verb) {
                    case "promote" -> {
                        int next = share == null ? cur.nextStep() : share;
                        if (next <= cur.percent()) {
                            throw GatewayError.invalid("share", "a promotion raises the share above its "
                                    + cur.percent() + " %; roll back to lower it").toException();
                        }
                        yield cur.with(next, CanaryState.Status.RUNNING, "promoted from " + cur.percent() + " %", by,
                                now);
                    }
                    case "rollback" -> cur.with(cur.percent(), CanaryState.Status.ROLLED_BACK,
                            reason == null ? "rolled back by hand" : reason, by, now);
                    default -> cur.with(cur.percent(), CanaryState.Status.ENDED,
                            reason == null ? "ended" : reason, by, now);
                };
            });
            return json(s);
        }).map(r -> r.withBefore(before[0]));
    }

    private ObjectNode list() {
        ObjectNode n = Json.NODES.objectNode();
        n.put("object", "list");
        var data = n.putArray("data");
        board.list().forEach(s -> data.add(json(s)));
        return n;
    }

    /** One canary as the API answers it, with this replica's window while it runs and, at 100 %, what to make permanent. */
    ObjectNode json(CanaryState s) {
        ObjectNode n = Json.NODES.objectNode();
        n.put("object", "canary");
        n.put("alias", s.alias());
        n.put("to", s.candidate());
        n.put("share_percent", s.percent());
        n.put("status", s.status().label());
        n.put("reason", s.reason());
        n.put("by", s.changedBy());
        n.put("since", s.changedAt().toString());
        n.put("started", s.startedAt().toString());
        n.put("max_error_rate_delta", s.maxErrorRateDelta());
        n.put("min_requests", s.minRequests());
        n.put("window", duration(s.window()));
        n.put("version", s.version());
        if (s.running()) {
            n.put("next_share_percent", s.percent() < 100 ? s.nextStep() : null);
            CanaryWindow.Totals[] t = watch.totals(s);
            ObjectNode w = n.putObject("window_here");
            totals(w.putObject("canary"), t == null ? null : t[0]);
            totals(w.putObject("incumbent"), t == null ? null : t[1]);
            if (s.percent() == 100) {
                n.put("permanent", permanent(config.get(), s));
            }
        }
        return n;
    }

    private static void totals(ObjectNode n, CanaryWindow.Totals t) {
        t = t == null ? new CanaryWindow.Totals(0, 0, 0, 0) : t;
        n.put("requests", t.requests());
        n.put("errors", t.errors());
        n.put("cut", t.cut());
        n.put("check_failures", t.checkFailures());
        n.put("error_rate", Math.round(t.rate(t.errors()) * 10_000) / 10_000.0);
        n.put("cut_rate", Math.round(t.rate(t.cut()) * 10_000) / 10_000.0);
        n.put("check_failure_rate", Math.round(t.rate(t.checkFailures()) * 10_000) / 10_000.0);
    }

    /** The config change that makes a canary at 100 % permanent. */
    static String permanent(FreeportConfig cfg, CanaryState s) {
        Set<String> targets = new TreeSet<>(CanaryWatch.targets(cfg, s.candidate()));
        return "all of " + s.alias() + " now goes to " + s.candidate() + ". To make it permanent, give the alias "
                + s.alias() + " under models: the targets of " + s.candidate() + " (" + String.join(", ", targets)
                + ") in place of its own, reload the config (SIGHUP), then end the canary: freeport migrate canary"
                + " --alias " + s.alias() + " --end";
    }

    static String duration(Duration d) {
        return ConfigUnits.formatDuration(d);
    }

    // ---- input ----------------------------------------------------------------------------------------------

    private static String text(ObjectNode body, String field, boolean required) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
            if (required) {
                throw GatewayError.invalid(field, field + " is required, e.g. {\"alias\": \"coder\", \"to\": "
                        + "\"qwen-coder\", \"share\": \"5%\"}").toException();
            }
            return null;
        }
        if (!v.isTextual()) {
            throw GatewayError.invalid(field, field + " must be a string").toException();
        }
        return v.asText().strip();
    }

    private static void requireAlias(FreeportConfig cfg, String name, String field) {
        for (ModelConfig m : cfg.models()) {
            if (m.name().equals(name) && !m.wildcard()) {
                return;
            }
        }
        throw new GatewayError(ErrorKind.NOT_FOUND, 404, field + ": '" + name + "' is not an alias of this gateway's"
                + " config (models:)", field, "unknown_alias", null).toException();
    }

    /** "5%", "5" or 5: a whole percentage 1..100. */
    static int share(JsonNode v, boolean required) {
        if (v == null || v.isNull()) {
            if (required) {
                throw GatewayError.invalid("share", "share is required, e.g. \"5%\"").toException();
            }
            return 0;
        }
        String t = v.isNumber() ? v.asText() : v.isTextual() ? v.asText().strip() : "";
        if (t.endsWith("%")) {
            t = t.substring(0, t.length() - 1).strip();
        }
        try {
            int p = Integer.parseInt(t);
            if (p >= 1 && p <= 100) {
                return p;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw GatewayError.invalid("share", "share must be a whole percentage from 1% to 100%, e.g. \"5%\"")
                .toException();
    }

    private static double fraction(JsonNode v) {
        if (v.isNumber() && v.asDouble() > 0 && v.asDouble() < 1) {
            return v.asDouble();
        }
        throw GatewayError.invalid("max_error_rate_delta", "max_error_rate_delta must be a number between 0 and 1"
                + " (0.05: the canary may fail at most 5 percentage points more often than the incumbent)")
                .toException();
    }

    private static int positive(JsonNode v, String field) {
        if (v.canConvertToInt() && v.isIntegralNumber() && v.asInt() >= 1) {
            return v.asInt();
        }
        throw GatewayError.invalid(field, field + " must be a whole number of at least 1").toException();
    }

    private static Duration window(JsonNode v) {
        try {
            if (v.isTextual()) {
                Duration d = ConfigUnits.parseDuration(v.asText(), false, Duration.ofDays(1));
                if (d.toMillis() >= CanaryWindow.BUCKETS) {
                    return d;
                }
            }
        } catch (IllegalArgumentException e) {
            // below
        }
        throw GatewayError.invalid("window", "window must be a duration up to 1d, e.g. \"10m\"").toException();
    }

    private static String reason(ObjectNode body) {
        String r = text(body, "reason", false);
        if (r != null && r.length() > MAX_REASON) {
            throw GatewayError.invalid("reason", "reason is limited to " + MAX_REASON + " characters").toException();
        }
        return r;
    }

    private static RuntimeException none(String alias) {
        return new GatewayError(ErrorKind.NOT_FOUND, 404, "No canary of '" + alias + "' was ever started.", null,
                "canary_not_found", null).toException();
    }

    private static RuntimeException conflict(String message) {
        return new GatewayError(ErrorKind.INVALID_REQUEST, 409, message, null, "canary_conflict", null).toException();
    }

    private Future<AdminReply> run(int status, Callable<ObjectNode> work) {
        return AdminCalls.blocking(vertx, status, work, "the canary store failed");
    }
}
