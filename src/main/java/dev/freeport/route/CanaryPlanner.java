package dev.freeport.route;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * A canary on a planned request ({@link Canaries}): with the canary's probability the candidate alias is planned
 * with the very same request (its targets pass the same exclusions: kill switch, the caller's vendor rules, the data
 * class, capabilities) and its targets lead the plan, the alias's own following as fallbacks. A request the alias
 * itself may not serve is never given to the candidate, and a candidate that may not serve the request (e.g. its
 * data class forbids the candidate's jurisdiction) leaves the request with the alias: a canary never sends data
 * where the alias's targets could not go. Embeddings are not canaried.
 */
final class CanaryPlanner {
    private CanaryPlanner() {
    }

    static RoutePlanner.Plan apply(RoutePlanner planner, Canaries.Canary canary, RoutePlanner.Plan own,
                                   Function<String, AliasRoute> routes, RoutePlanner.Request req,
                                   RandomGenerator random, long now) {
        if (canary == null || own.refusal() != null || own.targets().isEmpty() || req.needs().embeddings()
                || random.nextInt(100) >= canary.percent()) {
            return own;
        }
        AliasRoute candidate = routes.apply(canary.candidate());
        if (candidate == null) {
            return own;
        }
        RoutePlanner.Plan cp = planner.plan(candidate, req, random, now);
        RouteDecision d = own.decision();
        String tag = "canary " + canary.candidate() + " (" + canary.percent() + " % of " + canary.alias() + ")";
        if (cp.refusal() != null || cp.targets().isEmpty()) {
            String why = cp.refusal() == null ? "no target" : cp.refusal().message();
            return new RoutePlanner.Plan(own.targets(), new RouteDecision(d.strategy(), d.dataClass(), d.complexity(),
                    d.candidates(), d.chosen(), note(d, tag + " drawn but may not serve this request: " + why)),
                    null, own.conditional());
        }
        List<Target> targets = new ArrayList<>(cp.targets());
        Set<String> labels = new HashSet<>();
        targets.forEach(t -> labels.add(t.label()));
        List<RouteDecision.Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            Target t = targets.get(i);
            candidates.add(new RouteDecision.Candidate(t.label(), t.profile().vendor(), i + 1, null, tag));
        }
        for (Target t : own.targets()) {
            if (labels.add(t.label())) {
                targets.add(t);
            }
        }
        for (RouteDecision.Candidate c : d.candidates()) {
            if (c.excluded() != null) {
                candidates.add(c);
            } else if (!cp.targets().stream().anyMatch(t -> t.label().equals(c.target()))) {
                candidates.add(new RouteDecision.Candidate(c.target(), c.vendor(), rank(targets, c.target()), null,
                        c.metric()));
            }
        }
        return new RoutePlanner.Plan(targets, new RouteDecision(d.strategy(), d.dataClass(), d.complexity(),
                candidates, d.chosen(), note(d, tag)), null, own.conditional());
    }

    private static Integer rank(List<Target> targets, String label) {
        for (int i = 0; i < targets.size(); i++) {
            if (targets.get(i).label().equals(label)) {
                return i + 1;
            }
        }
        return null;
    }

    private static String note(RouteDecision d, String add) {
        return d.note() == null ? add : d.note() + "; " + add;
    }
}
