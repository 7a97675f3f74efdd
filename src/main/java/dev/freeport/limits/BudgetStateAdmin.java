package dev.freeport.limits;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.caller.Budget;
import dev.freeport.error.GatewayError;
import dev.freeport.json.Json;
import dev.freeport.module.AdminCalls;
import dev.freeport.module.AdminReply;
import dev.freeport.module.AdminRequest;
import dev.freeport.module.AdminRoutes;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /admin/limits/budgets?lines=key:ID:day,team:NAME:month}: what the budget counters (in-process or Redis)
 * hold for each line's current period: spent (settled) and reserved (requests in flight) nano-dollars. Read-only;
 * for the web console's budgets page and on-call checks. At most {@value #MAX_LINES} lines.
 */
final class BudgetStateAdmin implements AdminRoutes {
    static final String PATH = "/admin/limits/budgets";
    static final int MAX_LINES = 200;

    private final Counters counters;
    private final Clock clock;

    BudgetStateAdmin(Counters counters, Clock clock) {
        this.counters = counters;
        this.clock = clock;
    }

    @Override
    public boolean serves(String path) {
        return path.equals(PATH);
    }

    @Override
    public Future<AdminReply> handle(AdminRequest req) {
        AdminCalls.requireMethod(req, HttpMethod.GET);
        String spec = req.query().getOrDefault("lines", "");
        String[] parts = spec.isBlank() ? new String[0] : spec.split(",");
        if (parts.length > MAX_LINES) {
            throw GatewayError.invalid("lines", "at most " + MAX_LINES + " lines").toException();
        }
        Instant now = clock.instant();
        List<BudgetLine> lines = new ArrayList<>();
        for (String part : parts) {
            lines.add(line(part.strip(), now));
        }
        List<Future<Counters.BudgetState>> states = lines.stream().map(counters::budgetState).toList();
        return Future.all(states).map(done -> {
            ObjectNode root = Json.NODES.objectNode().put("object", "list");
            ArrayNode data = root.putArray("data");
            for (int i = 0; i < lines.size(); i++) {
                BudgetLine l = lines.get(i);
                Counters.BudgetState s = states.get(i).result();
                data.addObject().put("subject", l.subject())
                        .put("period", l.budget().period().name().toLowerCase(Locale.ROOT))
                        .put("period_start", l.periodStart().toString())
                        .put("spent_nanos", s.spentNanos()).put("reserved_nanos", s.reservedNanos());
            }
            return AdminReply.ok(root);
        });
    }

    /** "key:ID:day" or "team:NAME:month" (a team name may hold ':'; the period is after the last one). */
    private static BudgetLine line(String spec, Instant now) {
        int at = spec.lastIndexOf(':');
        String subject = at < 0 ? "" : spec.substring(0, at);
        if (!(subject.startsWith("key:") || subject.startsWith("team:")) || subject.endsWith(":")
                || subject.length() > 80) {
            throw GatewayError.invalid("lines", "each line is key:ID:PERIOD or team:NAME:PERIOD").toException();
        }
        Budget.Period period;
        try {
            period = Budget.Period.valueOf(spec.substring(at + 1).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw GatewayError.invalid("lines", "a period is day, week, month or total").toException();
        }
        return BudgetLine.of(subject, subject, new Budget(0, period, true, List.of()), now);
    }
}
