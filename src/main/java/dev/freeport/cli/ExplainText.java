package dev.freeport.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.freeport.catalog.PriceCatalog;
import dev.freeport.json.Json;
import dev.freeport.ledger.EventJson;
import dev.freeport.ledger.RequestFacts;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.route.RouteDecision;

import java.util.Locale;

/** Renders one ledger event and its {@link RouteDecision} for {@code freeport explain}: text or JSON. */
final class ExplainText {
    private static final ObjectMapper MAPPER = Json.MAPPER;

    private ExplainText() {
    }

    static String text(UsageEvent e) {
        RequestFacts f = e.facts();
        StringBuilder sb = new StringBuilder();
        line(sb, "request", e.id());
        line(sb, "when", String.valueOf(e.time()));
        line(sb, "caller", or(e.caller()) + (f.team() == null ? "" : "  (team " + f.team() + ")")
                + (f.tags() == null ? "" : "  tags " + f.tags()));
        line(sb, "alias", or(e.alias()) + "  (" + or(e.endpoint()) + ")");
        line(sb, "front", or(f.front()) + (e.stream() ? ", stream" : ", no stream"));
        line(sb, "status", e.status() + " " + e.httpStatus()
                + (e.errorKind() == null ? "" : "  " + e.errorKind())
                + (e.errorMessage() == null ? "" : ": " + e.errorMessage()));
        line(sb, "served", (e.provider() == null ? "-" : e.provider() + "/" + e.upstreamModel())
                + "  (" + e.attempts() + (e.attempts() == 1 ? " attempt)" : " attempts)"));
        line(sb, "latency", e.latencyMillis() + " ms" + (e.ttftMillis() == null ? "" : ", ttft " + e.ttftMillis() + " ms"));
        line(sb, "tokens", e.inputTokens() + " in" + (e.cachedInputTokens() > 0 ? " (" + e.cachedInputTokens() + " cached)" : "")
                + ", " + e.outputTokens() + " out" + (e.reasoningTokens() > 0 ? " (" + e.reasoningTokens() + " reasoning)" : "")
                + (e.estimated() ? ", estimated by Freeport" : ""));
        line(sb, "cost", (e.costKnown() ? "$" + PriceCatalog.formatUsd(e.costNanos())
                : "unknown (" + e.cost().status().ledgerName() + ")")
                + (e.cost().currency() == null ? "" : ", billed as " + PriceCatalog.formatUsd(e.cost().originalNanos())
                + " " + e.cost().currency()));
        sb.append('\n');
        RouteDecision d = RouteDecision.fromJson(f.decision());
        if (d == null) {
            boolean none = f.decision() == null || f.decision().isBlank();
            if (none && e.attempts() == 0 && e.status() != UsageEvent.Status.OK) {
                sb.append("rejected before routing: ").append(e.httpStatus())
                        .append(e.errorKind() == null ? "" : " " + e.errorKind())
                        .append(e.errorMessage() == null ? "" : ": " + e.errorMessage()).append('\n');
            } else {
                sb.append(none ? "no routing decision recorded for this request (written by a gateway older than"
                        + " routing decisions, or imported)\n" : "routing decision unreadable: " + f.decision() + "\n");
            }
            return sb.toString();
        }
        sb.append("routing decision\n");
        line(sb, "strategy", or(d.strategy()));
        line(sb, "data class", or(d.dataClass()));
        if (d.complexity() != null) {
            RouteDecision.Complexity c = d.complexity();
            line(sb, "complexity", String.format(Locale.ROOT, "score %.3f %s threshold %.3f: %s%s", c.score(),
                    c.score() >= c.threshold() ? ">=" : "<", c.threshold(), c.hard() ? "hard" : "easy",
                    c.model() == null ? "" : "  (" + c.model() + ")"));
        }
        TextTable table = new TextTable("RANK", "TARGET", "VENDOR", "METRIC", "REASON");
        for (RouteDecision.Candidate c : d.candidates()) {
            String rank = c.rank() != null ? String.valueOf(c.rank()) : c.excluded() != null ? "excluded" : "-";
            table.row(rank, or(c.target()), or(c.vendor()), or(c.metric()), or(c.excluded()));
        }
        if (d.candidates().isEmpty()) {
            sb.append("candidates  none recorded\n");
        } else {
            sb.append("candidates\n").append(table.render("  "));
        }
        if (!d.attempts().isEmpty()) {
            TextTable tried = new TextTable("#", "TARGET", "TIME", "RESULT");
            int n = 0;
            for (RouteDecision.Tried t : d.attempts()) {
                tried.row(String.valueOf(++n), or(t.target()), t.millis() + " ms", t.error() == null ? "ok"
                        : t.error());
            }
            sb.append("attempts\n").append(tried.render("  "));
        }
        line(sb, "chosen", d.chosen() == null ? "none (no target served)" : d.chosen());
        if (d.note() != null) {
            line(sb, "note", d.note());
        }
        return sb.toString();
    }

    /** {"event": {...}, "decision": the recorded decision as stored (JSON), or null}. */
    static String json(UsageEvent e) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(EventJson.explain(e));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }


    private static void line(StringBuilder sb, String label, String value) {
        sb.append(String.format("%-12s", label)).append(value).append('\n');
    }

    private static String or(String s) {
        return s == null || s.isBlank() ? "-" : s;
    }
}
