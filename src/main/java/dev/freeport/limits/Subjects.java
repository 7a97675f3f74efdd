package dev.freeport.limits;

import dev.freeport.caller.Budget;
import dev.freeport.caller.Principal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The key and team lines of a principal: counter names ("key:ID", "team:NAME") and how messages name them. */
final class Subjects {
    private Subjects() {
    }

    static String keySubject(Principal p) {
        return "key:" + p.keyId();
    }

    static String teamSubject(String team) {
        return "team:" + team;
    }

    static List<BudgetLine> budgets(Principal p, Instant now) {
        List<BudgetLine> out = new ArrayList<>(2);
        Budget kb = p.keyBudget();
        if (kb != null) {
            out.add(BudgetLine.of(keySubject(p), "key " + p.callerName(), kb, now));
        }
        Budget tb = p.teamBudget();
        if (tb != null && p.team() != null) {
            out.add(BudgetLine.of(teamSubject(p.team()), "team " + p.team(), tb, now));
        }
        return out;
    }

    static List<RateLine> rates(Principal p) {
        List<RateLine> out = new ArrayList<>(2);
        if (!p.keyLimits().isEmpty()) {
            out.add(new RateLine(keySubject(p), "key " + p.callerName(), p.keyLimits()));
        }
        if (p.team() != null && !p.teamLimits().isEmpty()) {
            out.add(new RateLine(teamSubject(p.team()), "team " + p.team(), p.teamLimits()));
        }
        return out;
    }
}
