package dev.freeport.flow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.catalog.PriceCatalog;
import dev.freeport.error.GatewayError;
import dev.freeport.front.ChatFront;
import dev.freeport.json.Json;
import dev.freeport.route.RouteDecision;
import dev.freeport.route.Target;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** Writing answers: the x-freeport headers, JSON bodies, SSE frames and errors in the caller's format. */
final class Replies {
    static final String REQUEST_ID = "x-freeport-request-id";
    static final String PROVIDER = "x-freeport-provider";
    static final String MODEL = "x-freeport-model";
    static final String ATTEMPTS = "x-freeport-attempts";
    static final String COST = "x-freeport-cost-usd";
    static final String DATA_CLASS = "x-freeport-data-class";
    /** "0.7312; threshold=0.6120; hard" */
    static final String COMPLEXITY = "x-freeport-complexity";

    private Replies() {
    }

    static void gatewayHeaders(HttpServerResponse res, Exchange ex) {
        Target t = ex.lastTarget();
        res.putHeader(REQUEST_ID, ex.id)
                .putHeader(PROVIDER, t == null ? "none" : t.provider().name())
                .putHeader(MODEL, t == null ? "none" : t.upstreamModel())
                .putHeader(ATTEMPTS, Integer.toString(ex.attempts.size()));
        routeHeaders(res, ex);
        PolicyChain.headers(ex.tickets, res);
    }

    /** The data class and the complexity verdict, when the request had them. */
    private static void routeHeaders(HttpServerResponse res, Exchange ex) {
        RouteDecision d = ex.decision;
        if (d == null) {
            return;
        }
        if (d.dataClass() != null) {
            res.putHeader(DATA_CLASS, d.dataClass());
        }
        RouteDecision.Complexity c = d.complexity();
        if (c != null) {
            res.putHeader(COMPLEXITY, c.score() < 0 ? "hard; " + c.model() : String.format(java.util.Locale.ROOT,
                    "%.4f; threshold=%.4f; %s", c.score(), c.threshold(), c.hard() ? "hard" : "easy"));
        }
    }

    static void json(HttpServerResponse res, Exchange ex, ObjectNode body, boolean withCost) {
        gatewayHeaders(res, ex);
        if (withCost) {
            res.putHeader(COST, PriceCatalog.formatUsd(ex.costNanos));
        }
        res.putHeader("content-type", "application/json").end(Buffer.buffer(Json.bytes(body)));
    }

    static void streamHead(HttpServerResponse res, Exchange ex) {
        gatewayHeaders(res, ex);
        res.setChunked(true)
                .putHeader("content-type", "text/event-stream; charset=utf-8")
                .putHeader("cache-control", "no-cache")
                .putHeader("x-accel-buffering", "no");
    }

    /** Writes an error unless the answer already started or the caller is gone. */
    static void error(HttpServerResponse res, Exchange ex, GatewayError error, ChatFront front) {
        if (res.headWritten() || res.ended() || res.closed()) {
            return;
        }
        gatewayHeaders(res, ex);
        if (error.retryAfterSeconds() != null) {
            res.putHeader("retry-after", Long.toString(error.retryAfterSeconds()));
        }
        res.setStatusCode(front.errorStatus(error))
                .putHeader("content-type", "application/json")
                .end(Buffer.buffer(Json.bytes(front.errorBody(error))));
    }
}
