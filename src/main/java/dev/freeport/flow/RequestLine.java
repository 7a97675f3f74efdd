package dev.freeport.flow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.catalog.PriceCatalog;
import dev.freeport.config.RequestLogConfig;
import dev.freeport.json.Json;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.route.Attempt;
import dev.freeport.route.Target;

import java.nio.charset.StandardCharsets;

/**
 * One request's line in the request log ({@code server.request_log}): time, request id, caller (key prefix, never
 * a secret), front, endpoint, alias, the target that served (or was tried last), every attempt with its error and
 * time, status, tokens, cost, latency. Never the prompt or the answer. Text is {@code key=value} pairs (values with
 * spaces quoted); JSON is one object per line.
 */
final class RequestLine {
    private RequestLine() {
    }

    /** Writes the request's line to {@code log}, when {@code cfg} wants this request in it. */
    static void write(RequestLogConfig cfg, RequestLog log, Exchange ex) {
        if (wanted(cfg, ex)) {
            log.write(format(cfg.format(), ex));
        }
    }

    /** Whether this request is logged: all of them, or failures (an error, a cut or cancelled answer, a fallback). */
    static boolean wanted(RequestLogConfig cfg, Exchange ex) {
        return switch (cfg.requests()) {
            case OFF -> false;
            case ALL -> true;
            case FAILURES -> ex.ending().status() != UsageEvent.Status.OK || ex.attempts.size() > 1;
        };
    }

    static String format(RequestLogConfig.Format format, Exchange ex) {
        return format == RequestLogConfig.Format.JSON ? json(ex) : text(ex);
    }

    private static String text(Exchange ex) {
        Exchange.Ending e = ex.ending();
        Exchange.Answer a = ex.answer();
        Target t = ex.lastTarget();
        StringBuilder b = new StringBuilder(256).append(ex.arrived).append(' ').append(ex.id);
        pair(b, "caller", ex.principal.callerName());
        pair(b, "front", ex.front);
        pair(b, "endpoint", ex.endpoint);
        pair(b, "alias", ex.alias);
        pair(b, "status", Integer.toString(e.httpStatus()));
        pair(b, "outcome", e.status().name().toLowerCase(java.util.Locale.ROOT));
        pair(b, "target", t == null ? null : t.label());
        if (!ex.attempts.isEmpty()) {
            StringBuilder tried = new StringBuilder();
            for (Attempt at : ex.attempts) {
                if (!tried.isEmpty()) {
                    tried.append("; ");
                }
                tried.append(at.describe()).append(' ').append(at.millis()).append("ms");
            }
            pair(b, "attempts", tried.toString());
        }
        if (e.error() != null) {
            pair(b, "error", e.error().code() != null ? e.error().code() : e.error().kind().ledgerName());
            pair(b, "message", e.error().message());
        }
        pair(b, "in", Long.toString(a.usage().inputTokens()));
        pair(b, "out", Long.toString(a.usage().outputTokens()));
        pair(b, "cost_usd", a.cost().known() ? PriceCatalog.formatUsd(a.costNanos()) : "unknown");
        pair(b, "latency_ms", Long.toString((System.nanoTime() - ex.startNanos) / 1_000_000));
        if (ex.firstTokenNanos > 0) {
            pair(b, "ttft_ms", Long.toString((ex.firstTokenNanos - ex.startNanos) / 1_000_000));
        }
        return b.toString();
    }

    private static void pair(StringBuilder b, String key, String value) {
        if (value == null) {
            return;
        }
        b.append(' ').append(key).append('=');
        boolean quote = value.isEmpty() || value.chars().anyMatch(c -> c == ' ' || c == '"' || c == '=' || c < 32);
        if (!quote) {
            b.append(value);
            return;
        }
        b.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(c < 32 ? ' ' : c);
            }
        }
        b.append('"');
    }

    private static String json(Exchange ex) {
        Exchange.Ending e = ex.ending();
        Exchange.Answer a = ex.answer();
        Target t = ex.lastTarget();
        ObjectNode n = Json.NODES.objectNode();
        n.put("time", ex.arrived.toString());
        n.put("request_id", ex.id);
        n.put("caller", ex.principal.callerName());
        n.put("front", ex.front);
        n.put("endpoint", ex.endpoint);
        n.put("alias", ex.alias);
        n.put("status", e.httpStatus());
        n.put("outcome", e.status().name().toLowerCase(java.util.Locale.ROOT));
        n.put("target", t == null ? null : t.label());
        ArrayNode tried = n.putArray("attempts");
        for (Attempt at : ex.attempts) {
            ObjectNode o = tried.addObject().put("target", at.target().label()).put("millis", at.millis());
            if (at.failure() != null) {
                o.put("error", at.describe().substring(at.target().label().length() + 2));
            }
        }
        if (e.error() != null) {
            n.put("error", e.error().code() != null ? e.error().code() : e.error().kind().ledgerName());
            n.put("message", e.error().message());
        }
        n.put("input_tokens", a.usage().inputTokens());
        n.put("output_tokens", a.usage().outputTokens());
        n.put("cost_usd", a.cost().known() ? PriceCatalog.formatUsd(a.costNanos()) : "unknown");
        n.put("latency_ms", (System.nanoTime() - ex.startNanos) / 1_000_000);
        if (ex.firstTokenNanos > 0) {
            n.put("ttft_ms", (ex.firstTokenNanos - ex.startNanos) / 1_000_000);
        }
        return new String(Json.bytes(n), StandardCharsets.UTF_8);
    }
}
