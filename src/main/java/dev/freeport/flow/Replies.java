package dev.freeport.flow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.catalog.PriceCatalog;
import dev.freeport.error.GatewayError;
import dev.freeport.front.ErrorShape;
import dev.freeport.json.Json;
import dev.freeport.route.RouteDecision;
import dev.freeport.route.Target;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;

import java.util.Map;

/** Writing answers: the x-freeport headers, JSON bodies, the head of a stream, and errors in the caller's format. */
final class Replies {
    static final String REQUEST_ID = "x-freeport-request-id";
    static final String PROVIDER = "x-freeport-provider";
    static final String MODEL = "x-freeport-model";
    static final String ATTEMPTS = "x-freeport-attempts";
    static final String COST = "x-freeport-cost-usd";
    /** the amount in the currency the vendor bills in, when not USD: "0.28 CNY" */
    static final String COST_ORIGINAL = "x-freeport-cost-original";
    static final String DATA_CLASS = "x-freeport-data-class";
    /** the alias a model name resolved to, and how: "coder; pattern claude-*" (only when not by its own name) */
    static final String ALIAS = "x-freeport-alias";
    /** "0.7312; threshold=0.6120; hard" */
    static final String COMPLEXITY = "x-freeport-complexity";

    private Replies() {
    }

    /** the names as bytes, made once (a String name is encoded and hashed again on every answer) */
    private static final CharSequence REQUEST_ID_NAME = HttpHeaders.createOptimized(REQUEST_ID);
    private static final CharSequence PROVIDER_NAME = HttpHeaders.createOptimized(PROVIDER);
    private static final CharSequence MODEL_NAME = HttpHeaders.createOptimized(MODEL);
    private static final CharSequence ATTEMPTS_NAME = HttpHeaders.createOptimized(ATTEMPTS);
    private static final CharSequence COST_NAME = HttpHeaders.createOptimized(COST);
    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
    /** values as bytes too: Vert.x copies an AsciiString's bytes at once, and a String's char by char */
    private static final CharSequence[] SMALL_COUNTS = new CharSequence[10];
    private static final CharSequence NONE = HttpHeaders.createOptimized("none");

    static {
        for (int i = 0; i < SMALL_COUNTS.length; i++) {
            SMALL_COUNTS[i] = HttpHeaders.createOptimized(Integer.toString(i));
        }
    }

    /** The gateway's headers, in the caller's map for the answer's headers ({@link Caller#answerHeaders}). */
    static MultiMap gatewayHeaders(Caller caller, Exchange ex) {
        Target t = ex.lastTarget();
        int attempts = ex.attempts.size();
        MultiMap h = caller.answerHeaders()
                .add(REQUEST_ID_NAME, ex.id)
                .add(PROVIDER_NAME, t == null ? NONE : t.provider().name())
                .add(MODEL_NAME, t == null ? NONE : t.upstreamModel())
                .add(ATTEMPTS_NAME, attempts < SMALL_COUNTS.length ? SMALL_COUNTS[attempts] : Integer.toString(attempts));
        if (ex.aliasRule != null) {
            h.add(ALIAS, ex.alias + "; " + ex.aliasRule);
        }
        routeHeaders(h, ex);
        Caching.headers(h, ex);
        PolicyChain.headers(ex.tickets, h);
        return h;
    }

    /** The data class and the complexity verdict, when the request had them. */
    private static void routeHeaders(MultiMap h, Exchange ex) {
        RouteDecision d = ex.decision;
        if (d == null) {
            return;
        }
        if (d.dataClass() != null) {
            h.add(DATA_CLASS, d.dataClass());
        }
        RouteDecision.Complexity c = d.complexity();
        if (c != null) {
            h.add(COMPLEXITY, c.score() < 0 ? "hard; " + c.model() : String.format(java.util.Locale.ROOT,
                    "%.4f; threshold=%.4f; %s", c.score(), c.threshold(), c.hard() ? "hard" : "easy"));
        }
    }

    static void json(Caller caller, Exchange ex, ObjectNode body, boolean withCost) {
        json(caller, ex, Buffer.buffer(Json.bytes(body)), withCost);
    }

    static void json(Caller caller, Exchange ex, Buffer body, boolean withCost) {
        MultiMap h = gatewayHeaders(caller, ex);
        if (withCost) {
            costHeaders(h, ex.answer());
        }
        h.add(HttpHeaders.CONTENT_TYPE, JSON);
        caller.reply(200, h, body);
    }

    /** A query's whole reply (its status, content type and bytes), with the gateway's headers. */
    static void body(Caller caller, Exchange ex, dev.freeport.front.QueryHandler.Reply reply) {
        MultiMap h = gatewayHeaders(caller, ex);
        h.add("content-type", reply.contentType());
        caller.reply(reply.status(), h, reply.body());
    }

    /** The cost in USD, "unknown" when there is no price (or no exchange rate), never a silent 0. */
    private static void costHeaders(MultiMap h, Exchange.Answer a) {
        h.add(COST_NAME, a.cost().known() ? PriceCatalog.formatUsd(a.costNanos()) : "unknown");
        if (a.cost().currency() != null) {
            h.add(COST_ORIGINAL, PriceCatalog.formatUsd(a.cost().originalNanos()) + " " + a.cost().currency());
        }
    }

    static Caller.Stream streamHead(Caller caller, Exchange ex) {
        return caller.stream(gatewayHeaders(caller, ex)
                .add("content-type", "text/event-stream; charset=utf-8")
                .add("cache-control", "no-cache")
                .add("x-accel-buffering", "no"));
    }

    /** Writes an error unless the answer already started or the caller is gone. */
    static void error(Caller caller, Exchange ex, GatewayError error, ErrorShape shape, Map<String, String> extra) {
        if (caller.answered()) {
            return;
        }
        MultiMap h = gatewayHeaders(caller, ex);
        extra.forEach(h::set);
        if (error.retryAfterSeconds() != null) {
            h.add("retry-after", Long.toString(error.retryAfterSeconds()));
        }
        h.add("content-type", "application/json");
        caller.reply(shape.status(error), h, Buffer.buffer(Json.bytes(shape.body(error))));
    }
}
