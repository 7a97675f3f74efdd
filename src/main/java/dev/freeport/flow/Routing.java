package dev.freeport.flow;

import dev.freeport.api.ChatRequest;
import dev.freeport.api.RequestTraits;
import dev.freeport.config.ModelConfig;
import dev.freeport.route.AliasRoute;
import dev.freeport.route.DataClasses;
import dev.freeport.route.RouteDecision;
import dev.freeport.route.RoutePlanner;
import dev.freeport.route.RouteState;
import dev.freeport.route.Target;
import dev.freeport.route.assembly.GatewayRuntime;
import dev.freeport.route.complexity.ComplexityScorer;
import dev.freeport.route.complexity.TrafficThreshold;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The "route plan" step of the request flow: the request's data class, what it needs from a model, its complexity
 * verdict (COMPLEXITY aliases: scored on a worker thread), then {@link RoutePlanner#plan}. The decision is kept
 * on the exchange for the ledger and the response headers.
 */
final class Routing {
    private static final Logger LOG = Logger.getLogger(Routing.class.getName());
    /** a rough tokens-per-character ratio for estimates made before any tokenizer runs (English ~4 chars/token) */
    private static final int CHARS_PER_TOKEN = 4;

    private Routing() {
    }

    static Future<List<Target>> planChat(GatewayRuntime rt, Caller caller, Exchange ex, ChatRequest chat,
                                         AliasRoute route) {
        DataClasses.Resolved dc = rt.dataClasses().resolve(caller.header(DataClasses.HEADER),
                ex.principal.dataClass());
        RoutePlanner.Needs needs = needs(chat);
        Future<RouteDecision.Complexity> verdict = route.strategy() == ModelConfig.Strategy.COMPLEXITY
                ? judge(rt, chat, route) : Future.succeededFuture(null);
        return verdict.map(c -> {
            ex.routing = new RoutePlanner.Request(needs, dc.label(), dc.refuses(), ex.principal::refuses, c);
            return plan(rt, ex, route, ex.routing);
        });
    }

    static List<Target> planEmbeddings(GatewayRuntime rt, Caller caller, Exchange ex, AliasRoute route) {
        DataClasses.Resolved dc = rt.dataClasses().resolve(caller.header(DataClasses.HEADER),
                ex.principal.dataClass());
        return plan(rt, ex, route, new RoutePlanner.Request(RoutePlanner.Needs.EMBEDDINGS, dc.label(), dc.refuses(),
                ex.principal::refuses, null));
    }

    private static List<Target> plan(GatewayRuntime rt, Exchange ex, AliasRoute route, RoutePlanner.Request req) {
        RoutePlanner.Plan plan = rt.planner().plan(route, rt::route, req, ThreadLocalRandom.current(),
                System.currentTimeMillis());
        ex.decision = plan.decision();
        ex.fallbackPlans = plan.conditional();
        if (plan.refusal() != null) {
            throw plan.refusal().toException();
        }
        return plan.targets();
    }

    /** Scores the request on a worker; a scorer that fails or is missing sends the request to the strong side. */
    private static Future<RouteDecision.Complexity> judge(GatewayRuntime rt, ChatRequest chat, AliasRoute route) {
        return Vertx.currentContext().executeBlocking(() -> {
            ComplexityScorer scorer = rt.routeState().scorer().get();
            if (scorer == null) {
                return new RouteDecision.Complexity(-1, -1, true, "fallback: no complexity scorer available");
            }
            TrafficThreshold traffic = rt.routeState().thresholdFor(route.alias(), scorer);
            double score = scorer.score(chat);
            double threshold = traffic.thresholdForShare(route.strongShare());
            traffic.observe(score);
            String basis = traffic.observed() > RouteState.THRESHOLD_MIN_OBSERVED ? "; threshold: "
                    + Math.min(traffic.observed() - 1, RouteState.THRESHOLD_WINDOW) + " recent requests"
                    : "; threshold: calibration set";
            return new RouteDecision.Complexity(round(score), round(threshold), score >= threshold,
                    scorer.name() + basis);
        }, false).recover(e -> {
            LOG.log(Level.WARNING, "complexity scoring failed; routing as hard", e);
            return Future.succeededFuture(new RouteDecision.Complexity(-1, -1, true, "fallback: scoring failed ("
                    + e.getMessage() + ")"));
        });
    }

    private static double round(double d) {
        return Math.round(d * 10_000) / 10_000.0;
    }

    /** What the request needs from a model: estimated tokens and features, from its traits. */
    static RoutePlanner.Needs needs(ChatRequest chat) {
        RequestTraits t = chat.traits();
        return new RoutePlanner.Needs(t.promptChars() / CHARS_PER_TOKEN, chat.maxOutputTokens() == null ? 0
                : chat.maxOutputTokens(), t.tools(), t.vision(), t.jsonOutput(), t.reasoning(), false, t.nativeOnly());
    }
}
