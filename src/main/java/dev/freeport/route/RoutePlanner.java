package dev.freeport.route;

import dev.freeport.api.RequestTraits;
import dev.freeport.catalog.ModelInfo;
import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Turns an alias's targets into one request's plan and records why. First every target is checked, in this
 * order: kill switch, the caller's vendor rules (key and team), the request's data class, the request's needs
 * (context window, tools, vision, JSON, reasoning), then the concentration caps. The first four exclude a target
 * for good: when none is left the request fails with a clear error (403 for rules and data classes, 400 when no
 * target can serve it, 503 when every vendor is switched off) — a forbidden target is never tried, not even as a
 * fallback. A capped vendor is only left out while other targets remain. The remaining targets are ordered by
 * the alias's strategy; the dispatcher then walks them with fallback.
 */
public final class RoutePlanner {

    /**
     * What a request needs from a target, estimated before dispatch; {@code nativeOnly}: a part of it only a
     * provider of that type can serve (e.g. an Anthropic server tool), or null.
     */
    public record Needs(long promptTokens, long outputTokens, boolean tools, boolean vision, boolean json,
                        boolean reasoning, boolean embeddings, RequestTraits.NativeOnly nativeOnly) {
        public static final Needs NONE = new Needs(0, 0, false, false, false, false, false);
        public static final Needs EMBEDDINGS = new Needs(0, 0, false, false, false, false, true);

        public Needs(long promptTokens, long outputTokens, boolean tools, boolean vision, boolean json,
                     boolean reasoning, boolean embeddings) {
            this(promptTokens, outputTokens, tools, vision, json, reasoning, embeddings, null);
        }
    }

    /**
     * One request's routing inputs.
     *
     * @param dataClass     the request's data class(es), e.g. "confidential", or null
     * @param classRefuses  the data class rules: why a target is refused, or null when allowed
     * @param callerRefuses the caller's rules: why a target is refused, or null when allowed
     * @param complexity    the complexity verdict (COMPLEXITY strategy), or null
     */
    public record Request(Needs needs, String dataClass, Function<TargetProfile, String> classRefuses,
                          Function<TargetProfile, String> callerRefuses, RouteDecision.Complexity complexity) {
    }

    /**
     * The targets to try, in order, and the decision to record; or, when no target may serve the request, the
     * error to answer ({@code refusal}, targets empty) and the decision that explains it.
     */
    public record Plan(List<Target> targets, RouteDecision decision, GatewayError refusal,
                       FallbackPlans conditional) {
        public Plan {
            conditional = conditional == null ? FallbackPlans.NONE : conditional;
        }

        public Plan(List<Target> targets, RouteDecision decision, GatewayError refusal) {
            this(targets, decision, refusal, null);
        }
    }

    private enum Why { DISABLED, CALLER, DATA_CLASS, CAPABILITY, CAPPED }

    private record Check(Target target, Why why, String reason) {
    }

    private final VendorSwitches switches;
    private final Canaries canaries;
    private final ConcentrationTracker caps;
    private final double exploration;

    public RoutePlanner(VendorSwitches switches, ConcentrationTracker caps, double exploration) {
        this(switches, Canaries.NONE, caps, exploration);
    }

    /** With the canaries in force ({@link CanaryPlanner}: a drawn share of an alias planned on its candidate). */
    public RoutePlanner(VendorSwitches switches, Canaries canaries, ConcentrationTracker caps, double exploration) {
        this.switches = switches;
        this.canaries = canaries == null ? Canaries.NONE : canaries;
        this.caps = caps;
        this.exploration = exploration;
    }

    /**
     * The plan of {@code route} followed by its fallback aliases' targets (looked up with {@code routes}), and the
     * lists the dispatcher switches to on a context-window or content-policy refusal ({@link FallbackPlanner});
     * then the alias's canary, if one is in force and drawn ({@link CanaryPlanner}).
     */
    public Plan plan(AliasRoute route, Function<String, AliasRoute> routes, Request req, RandomGenerator random,
                     long nowMillis) {
        Plan plan = FallbackPlanner.plan(this, route, routes, req, random, nowMillis);
        return CanaryPlanner.apply(this, canaries.canary(route.alias()), plan, routes, req, random, nowMillis);
    }

    /**
     * Every target a request to {@code route} may end on, before any exclusion: its own targets, those of every
     * alias it falls back to (each list, one level deep, as {@link FallbackPlanner} plans them) and, for a chat
     * request ({@code canaried}), those of the canary's candidate in force. What a budget reserves for: the most
     * expensive of them.
     */
    public List<Target> reachable(AliasRoute route, Function<String, AliasRoute> routes, boolean canaried) {
        Canaries.Canary canary = canaried ? canaries.canary(route.alias()) : null;
        if (canary == null && route.fallbacks().isEmpty()) {
            return route.targets(); // the common case: no allocation
        }
        java.util.LinkedHashSet<Target> out = new java.util.LinkedHashSet<>(route.targets());
        List<String> others = new ArrayList<>(route.fallbacks().any());
        others.addAll(route.fallbacks().contextWindow());
        others.addAll(route.fallbacks().contentPolicy());
        if (canary != null) {
            others.add(canary.candidate());
        }
        for (String alias : others) {
            AliasRoute other = routes.apply(alias);
            if (other != null) {
                out.addAll(other.targets());
            }
        }
        return List.copyOf(out);
    }

    public Plan plan(AliasRoute route, Request req, RandomGenerator random, long nowMillis) {
        List<Target> targets = route.targets();
        // the common case, every target passes and no cap is on, makes no list: the alias's own is the eligible one
        List<Check> checks = null;
        for (int i = 0; i < targets.size(); i++) {
            Check c = check(targets.get(i), req);
            if (c != null && checks == null) {
                checks = passed(targets, i);
            }
            if (checks != null) {
                checks.add(c != null ? c : new Check(targets.get(i), null, null));
            }
        }
        List<Target> eligible = targets;
        if (checks == null && (caps.enabled() || targets.isEmpty())) {
            checks = passed(targets, targets.size());
        } else if (checks != null) {
            eligible = new ArrayList<>(targets.size());
            for (Check c : checks) {
                if (c.why == null) {
                    eligible.add(c.target);
                }
            }
        }
        if (eligible.isEmpty()) {
            return new Plan(List.of(), decision(route, req, checks, new Ordered(List.of(), List.of()), null),
                    refusal(route, req, checks));
        }
        String note = null;
        if (caps.enabled()) {
            List<Target> uncapped = new ArrayList<>(eligible.size());
            for (int i = 0; i < checks.size(); i++) {
                Check c = checks.get(i);
                if (c.why != null) {
                    continue;
                }
                String over = caps.over(c.target.profile().vendor(), nowMillis);
                if (over == null) {
                    uncapped.add(c.target);
                } else {
                    checks.set(i, new Check(c.target, Why.CAPPED, "concentration cap: " + over));
                }
            }
            if (uncapped.isEmpty()) {
                note = "every eligible vendor is past its concentration cap: caps not applied";
                for (int i = 0; i < checks.size(); i++) {
                    if (checks.get(i).why == Why.CAPPED) {
                        checks.set(i, new Check(checks.get(i).target, null, null));
                    }
                }
            } else {
                eligible = uncapped;
            }
        }
        Ordered ordered = Ordered.by(route, eligible, req, random, exploration);
        if (checks != null || ordered.targets() != targets || req.complexity() != null || !plain(ordered)) {
            return new Plan(ordered.targets(), decision(route, req, checks, ordered, note), null);
        }
        Reused r = reused;
        if (r != null && r.route == route && java.util.Objects.equals(r.dataClass, req.dataClass())) {
            return r.plan;
        }
        Plan plan = new Plan(targets, decision(route, req, null, ordered, null), null);
        reused = new Reused(route, req.dataClass(), plan);
        return plan;
    }

    /**
     * The last plan made of an alias's own targets in its own order, every one passed, with nothing to say about any
     * (no metric, no open circuit, no note, no complexity verdict): the same route with the same data class plans
     * the same again, so that plan and its decision are handed out again (nothing made; the ledger's decision
     * writer then finds the same decision as the last one at once). A route is the one of a config: a reload makes
     * new ones.
     */
    private record Reused(AliasRoute route, String dataClass, Plan plan) {
    }

    private volatile Reused reused;

    /** Whether the ordering put nothing in the decision (no metric) and no target's circuit is open. */
    private static boolean plain(Ordered ordered) {
        for (int i = 0; i < ordered.targets().size(); i++) {
            if (!ordered.metrics().get(i).isEmpty()
                    || ordered.targets().get(i).breaker().state() == CircuitBreaker.State.OPEN) {
                return false;
            }
        }
        return true;
    }

    /** The checks of the first {@code n} targets, all passed (a list with room for every target). */
    private static List<Check> passed(List<Target> targets, int n) {
        List<Check> checks = new ArrayList<>(targets.size());
        for (int i = 0; i < n; i++) {
            checks.add(new Check(targets.get(i), null, null));
        }
        return checks;
    }

    /** Why {@code t} may not serve the request; null when it may. */
    private Check check(Target t, Request req) {
        TargetProfile p = t.profile();
        VendorSwitches.Off off = switches.disabled(p.vendor());
        if (off != null) {
            return new Check(t, Why.DISABLED, "vendor " + p.vendor() + " is switched off"
                    + (off.reason() == null || off.reason().isBlank() ? "" : " (" + off.reason() + ")"));
        }
        String why = req.callerRefuses().apply(p);
        if (why != null) {
            return new Check(t, Why.CALLER, why);
        }
        why = req.classRefuses().apply(p);
        if (why != null) {
            return new Check(t, Why.DATA_CLASS, why);
        }
        why = foreign(t, req.needs().nativeOnly());
        if (why == null) {
            why = cannotServe(p.capabilities(), req.needs());
        }
        if (why != null) {
            return new Check(t, Why.CAPABILITY, why);
        }
        return null; // passed
    }

    /** Why a target of another provider type cannot take a request with a native-only part; null when it can. */
    private static String foreign(Target t, RequestTraits.NativeOnly nativeOnly) {
        if (nativeOnly == null || nativeOnly.api().equals(t.provider().type())) {
            return null;
        }
        return "a provider of type " + t.provider().type() + ", and only one of type " + nativeOnly.api()
                + " can serve " + nativeOnly.feature();
    }

    /** Null when the model can take the request (or nothing is known about it); otherwise what it lacks. */
    static String cannotServe(ModelInfo m, Needs n) {
        if (m == null || n.embeddings()) {
            return null;
        }
        long tokens = n.promptTokens() + n.outputTokens();
        if (m.contextWindow() != null && m.contextWindow() < tokens) {
            return "context window " + m.contextWindow() + " < ~" + tokens + " tokens needed";
        }
        if (n.tools() && !m.tools()) {
            return "no tool calling";
        }
        if (n.vision() && !m.vision()) {
            return "no image input";
        }
        if (n.json() && !m.json()) {
            return "no JSON output";
        }
        if (n.reasoning() && !m.reasoning()) {
            return "no reasoning";
        }
        if (m.tier() == ModelInfo.Tier.EMBEDDING) {
            return "an embedding model";
        }
        return null;
    }

    private static GatewayError refusal(AliasRoute route, Request req, List<Check> checks) {
        StringBuilder list = new StringBuilder();
        boolean dataClass = false, caller = false, capability = false;
        for (Check c : checks) {
            list.append(list.isEmpty() ? "" : "; ").append(c.target.label()).append(": ").append(c.reason);
            dataClass |= c.why == Why.DATA_CLASS;
            caller |= c.why == Why.CALLER;
            capability |= c.why == Why.CAPABILITY;
        }
        String head = "No target of model '" + route.alias() + "' may serve this request";
        if (dataClass) {
            return new GatewayError(ErrorKind.PERMISSION, 403, head + " with data class '" + req.dataClass()
                    + "' (" + list + "). Nothing was sent to any provider.", null, "data_class_forbidden", null);
        }
        if (caller) {
            return new GatewayError(ErrorKind.PERMISSION, 403, head + " under this key's vendor rules (" + list
                    + "). Nothing was sent to any provider.", null, "vendor_not_allowed", null);
        }
        if (capability) {
            return new GatewayError(ErrorKind.INVALID_REQUEST, 400, head + ": none can handle it (" + list + ").",
                    null, "no_capable_target", null);
        }
        return new GatewayError(ErrorKind.UNAVAILABLE, 503, head + ": every vendor behind it is switched off ("
                + list + ").", null, "vendor_disabled", null);
    }

    private static RouteDecision decision(AliasRoute route, Request req, List<Check> checks, Ordered ordered,
                                          String note) {
        List<RouteDecision.Candidate> candidates = new ArrayList<>(route.targets().size());
        for (int i = 0; i < ordered.targets().size(); i++) {
            Target t = ordered.targets().get(i);
            String metric = ordered.metrics().get(i);
            if (t.breaker().state() == CircuitBreaker.State.OPEN) {
                metric = (metric.isEmpty() ? "" : metric + "; ") + "circuit open";
            }
            candidates.add(new RouteDecision.Candidate(t.label(), t.profile().vendor(), i + 1, null,
                    metric.isEmpty() ? null : metric));
        }
        for (int i = 0; checks != null && i < checks.size(); i++) { // null: every target passed
            Check c = checks.get(i);
            if (c.why != null) {
                candidates.add(new RouteDecision.Candidate(c.target.label(), c.target.profile().vendor(), null,
                        c.reason, null));
            }
        }
        return new RouteDecision(route.strategy().label(), req.dataClass(), req.complexity(), candidates, null,
                note);
    }
}
