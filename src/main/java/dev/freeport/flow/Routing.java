package dev.freeport.flow;

import dev.freeport.api.ChatRequest;
import dev.freeport.api.RequestTraits;
import dev.freeport.config.ModelConfig;
import dev.freeport.error.Echo;
import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;
import dev.freeport.route.AliasRoute;
import dev.freeport.route.DataClasses;
import dev.freeport.route.ModelNames;
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

    /**
     * The route of the requested model name (exact alias, patterns, provider wildcards, default); 404 for a name
     * nothing takes, 403 for an alias the caller's key may not use. The ledger's alias is the resolved one.
     */
    static AliasRoute routeFor(GatewayRuntime rt, Exchange ex, String requested) {
        ex.alias = requested == null ? null : Echo.of(requested); // what the ledger keeps of a 100 KB name
        GatewayRuntime.Resolved resolved = rt.resolve(requested);
        if (resolved == null || !ex.principal.mayUse(resolved.alias())) {
            List<String> known = ModelLists.names(rt, ex.principal);
            if (resolved != null) {
                throw new GatewayError(ErrorKind.PERMISSION, 403, "This key may not use the model '"
                        + resolved.alias() + "'" + (resolved.alias().equals(requested) ? "" : " ('"
                        + Echo.of(requested) + "' resolves to it)") + ". It may use: " + String.join(", ", known)
                        + ".", "model", "model_not_allowed", null).toException();
            }
            throw new GatewayError(ErrorKind.NOT_FOUND, 404, "The model '" + Echo.of(requested) + "' does not exist."
                    + " Known models: " + String.join(", ", known) + ".", "model", "model_not_found", null)
                    .toException();
        }
        ex.alias = resolved.route().alias();
        if (resolved.match().kind() != ModelNames.Kind.EXACT) {
            ex.aliasRule = resolved.match().describe();
        }
        return resolved.route();
    }

    static Future<List<Target>> planChat(GatewayRuntime rt, Caller caller, Exchange ex, ChatRequest chat,
                                         AliasRoute route) {
        DataClasses.Resolved dc = rt.dataClasses().resolve(caller.header(DataClasses.HEADER),
                ex.principal.dataClass());
        RoutePlanner.Needs needs = needs(chat);
        if (route.strategy() != ModelConfig.Strategy.COMPLEXITY) { // planned at once: no verdict to wait for
            return Future.succeededFuture(planChat(rt, ex, route, needs, dc, null));
        }
        return judge(rt, chat, route).map(c -> planChat(rt, ex, route, needs, dc, c));
    }

    private static List<Target> planChat(GatewayRuntime rt, Exchange ex, AliasRoute route, RoutePlanner.Needs needs,
                                         DataClasses.Resolved dc, RouteDecision.Complexity verdict) {
        ex.routing = new RoutePlanner.Request(needs, dc.label(), dc.refuses(), ex.principal::refuses, verdict);
        return plan(rt, ex, route, ex.routing);
    }

    static List<Target> planEmbeddings(GatewayRuntime rt, Caller caller, Exchange ex, AliasRoute route) {
        DataClasses.Resolved dc = rt.dataClasses().resolve(caller.header(DataClasses.HEADER),
                ex.principal.dataClass());
        return plan(rt, ex, route, new RoutePlanner.Request(RoutePlanner.Needs.EMBEDDINGS, dc.label(), dc.refuses(),
                ex.principal::refuses, null));
    }

    private static List<Target> plan(GatewayRuntime rt, Exchange ex, AliasRoute route, RoutePlanner.Request req) {
        RoutePlanner.Plan plan = rt.planner().plan(route, rt.routeOf(), req, ThreadLocalRandom.current(),
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
