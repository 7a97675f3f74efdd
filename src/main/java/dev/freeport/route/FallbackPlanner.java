package dev.freeport.route;

import dev.freeport.config.AliasFallbacks;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * An alias's plan with its fallbacks to other aliases ({@link AliasFallbacks}): each named alias is planned with the
 * same request (so its targets pass the same exclusions) and its targets, in its own strategy's order, follow the
 * alias's own: {@code fallbacks} always, {@code context_window_fallbacks} when every own target was too small for
 * the request; the context-window and content-policy lists are also handed to the dispatcher
 * ({@link FallbackPlans}) for an upstream that refuses for those reasons. One level deep; a target already in the
 * plan is not added twice.
 */
final class FallbackPlanner {
    private FallbackPlanner() {
    }

    static RoutePlanner.Plan plan(RoutePlanner planner, AliasRoute route, Function<String, AliasRoute> routes,
                                  RoutePlanner.Request req, RandomGenerator random, long now) {
        RoutePlanner.Plan own = planner.plan(route, req, random, now);
        AliasFallbacks fb = route.fallbacks();
        if (fb.isEmpty()) {
            return own; // no fallback alias: the alias's own plan, with no conditional lists
        }
        List<Target> targets = new ArrayList<>(own.targets());
        Set<String> labels = new HashSet<>();
        targets.forEach(t -> labels.add(t.label()));
        List<RouteDecision.Candidate> candidates = new ArrayList<>(own.decision().candidates());
        List<String> used = new ArrayList<>();
        for (String alias : fb.any()) {
            add(planner, routes, alias, req, random, now, targets, labels, candidates, used);
        }
        boolean tooLong = own.refusal() != null && own.decision().candidates().stream()
                .anyMatch(c -> c.excluded() != null && c.excluded().startsWith("context window"));
        List<Target> onContext = new ArrayList<>();
        for (String alias : fb.contextWindow()) {
            if (tooLong) {
                add(planner, routes, alias, req, random, now, targets, labels, candidates, used);
            } else {
                onContext.addAll(planOf(planner, routes, alias, req, random, now).targets());
            }
        }
        List<Target> onPolicy = new ArrayList<>();
        for (String alias : fb.contentPolicy()) {
            onPolicy.addAll(planOf(planner, routes, alias, req, random, now).targets());
        }
        RouteDecision d = own.decision();
        String note = used.isEmpty() ? d.note() : (d.note() == null ? "" : d.note() + "; ")
                + "then fallback alias" + (used.size() == 1 ? " " : "es ") + String.join(", ", used);
        RouteDecision decision = new RouteDecision(d.strategy(), d.dataClass(), d.complexity(), candidates,
                d.chosen(), note);
        FallbackPlans conditional = new FallbackPlans(onContext, onPolicy);
        return targets.isEmpty() ? new RoutePlanner.Plan(List.of(), decision, own.refusal(), conditional)
                : new RoutePlanner.Plan(targets, decision, null, conditional);
    }

    private static RoutePlanner.Plan planOf(RoutePlanner planner, Function<String, AliasRoute> routes, String alias,
                                            RoutePlanner.Request req, RandomGenerator random, long now) {
        AliasRoute other = routes.apply(alias);
        if (other == null) { // a reload removed it; the config check prevents this for one file
            return new RoutePlanner.Plan(List.of(), null, null);
        }
        return planner.plan(other, req, random, now);
    }

    private static void add(RoutePlanner planner, Function<String, AliasRoute> routes, String alias,
                            RoutePlanner.Request req, RandomGenerator random, long now, List<Target> targets,
                            Set<String> labels, List<RouteDecision.Candidate> candidates, List<String> used) {
        RoutePlanner.Plan p = planOf(planner, routes, alias, req, random, now);
        if (p.decision() == null) {
            return;
        }
        boolean any = false;
        for (Target t : p.targets()) {
            if (labels.add(t.label())) {
                targets.add(t);
                any = true;
                candidates.add(new RouteDecision.Candidate(t.label(), t.profile().vendor(), targets.size(), null,
                        "fallback alias " + alias));
            }
        }
        for (RouteDecision.Candidate c : p.decision().candidates()) {
            if (c.excluded() != null) {
                candidates.add(new RouteDecision.Candidate(c.target(), c.vendor(), null, "fallback alias " + alias
                        + ": " + c.excluded(), null));
            }
        }
        if (any) {
            used.add(alias);
        }
    }
}
