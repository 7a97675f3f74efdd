package dev.freeport.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * {@code freeport migrate canary --alias A (--to B --share 5% | --promote [--share N%] | --rollback [--reason R] |
 * --end | --status)}: a canary through the running gateway's admin API ({@code /admin/migrate/canary}), so every
 * replica applies it and the admin log records who did it.
 */
@Command(name = "canary", mixinStandardHelpOptions = true,
        description = "Send a share of an alias's traffic to a candidate alias, watched; promote or roll it back.")
final class CanaryCommand extends CliCommand {

    @Option(names = "--alias", required = true, description = "The alias whose traffic is shared.")
    String alias;

    @Option(names = "--to", description = "Start a canary: the candidate alias that takes the share.")
    String to;

    @Option(names = "--share", paramLabel = "N%", description = "The share, e.g. 5%% (start; with --promote: the "
            + "share to step to, else the next of 5, 25, 50, 100 %%).")
    String share;

    @Option(names = "--max-error-rate-delta", paramLabel = "FRACTION", description = "Roll back when the canary's "
            + "error, cut-stream or check-failure rate is worse than the incumbent's by more than this (default 0.05).")
    Double maxDelta;

    @Option(names = "--min-requests", paramLabel = "N", description = "Canary requests in the window before the "
            + "watcher judges (default 20).")
    Integer minRequests;

    @Option(names = "--window", paramLabel = "DURATION", description = "The sliding window compared (default 10m).")
    String window;

    @Option(names = "--promote", description = "Step the running canary's share up.")
    boolean promote;

    @Option(names = "--rollback", description = "Stop the canary: the alias goes back to its own targets.")
    boolean rollback;

    @Option(names = "--end", description = "End a promoted canary once the config carries the change.")
    boolean end;

    @Option(names = "--reason", description = "Why (with --rollback or --end), kept in the admin log.")
    String reason;

    @Option(names = "--json", description = "Print the gateway's JSON answer.")
    boolean json;

    @Mixin
    AdminOptions admin;

    @Mixin
    ConfigOption config;

    @Override
    int execute() {
        int verbs = (to != null ? 1 : 0) + (promote ? 1 : 0) + (rollback ? 1 : 0) + (end ? 1 : 0);
        if (verbs > 1) {
            throw CliFailure.usage("use one of --to (start), --promote, --rollback, --end; none shows the status");
        }
        if (to == null && (maxDelta != null || minRequests != null || window != null)) {
            throw CliFailure.usage("--max-error-rate-delta, --min-requests and --window go with --to (a new canary)");
        }
        if (to != null && share == null) {
            throw CliFailure.usage("--share is required with --to, e.g. --share 5%");
        }
        AdminClient client = admin.client(config);
        String path = "/admin/migrate/canary";
        String one = path + "/" + alias.strip();
        JsonNode r;
        if (to != null) {
            ObjectNode body = Json.NODES.objectNode().put("alias", alias.strip()).put("to", to.strip())
                    .put("share", share);
            if (maxDelta != null) {
                body.put("max_error_rate_delta", maxDelta);
            }
            if (minRequests != null) {
                body.put("min_requests", minRequests);
            }
            if (window != null) {
                body.put("window", window);
            }
            r = client.call("POST", path, body);
        } else if (promote) {
            r = client.call("POST", one + "/promote", share == null ? Json.NODES.objectNode()
                    : Json.NODES.objectNode().put("share", share));
        } else if (rollback || end) {
            ObjectNode body = Json.NODES.objectNode();
            if (reason != null) {
                body.put("reason", reason);
            }
            r = client.call("POST", one + (rollback ? "/rollback" : "/end"), body);
        } else {
            r = client.call("GET", one, null);
        }
        print(out(), r);
        return 0;
    }

    private void print(PrintWriter out, JsonNode c) {
        if (json) {
            out.println(c.toPrettyString());
            return;
        }
        out.println(text(c));
    }

    /** One canary in words: what runs where, the last change and why, this replica's window, what comes next. */
    static String text(JsonNode c) {
        StringBuilder sb = new StringBuilder();
        String status = c.path("status").asText();
        sb.append("canary ").append(c.path("alias").asText()).append(" -> ").append(c.path("to").asText())
                .append(": ").append(status.replace('_', ' '))
                .append(status.equals("running") ? " at " + c.path("share_percent").asInt() + " %" : "")
                .append(" (since ").append(c.path("since").asText()).append(", by ").append(c.path("by").asText())
                .append(")\n");
        if (!c.path("reason").isNull() && !c.path("reason").asText().isEmpty()) {
            sb.append("  why: ").append(c.path("reason").asText()).append('\n');
        }
        sb.append(String.format(Locale.ROOT, "  rolls back when %.1f points worse than the incumbent, after %d canary"
                        + " requests in %s%n", 100 * c.path("max_error_rate_delta").asDouble(),
                c.path("min_requests").asInt(), c.path("window").asText()));
        JsonNode w = c.path("window_here");
        if (w.isObject()) {
            for (String arm : new String[]{"canary", "incumbent"}) {
                JsonNode a = w.path(arm);
                sb.append(String.format(Locale.ROOT, "  %-9s %5d requests, errors %.1f %%, cut %.1f %%, checks"
                                + " failed %.1f %% (this replica)%n", arm, a.path("requests").asLong(),
                        100 * a.path("error_rate").asDouble(), 100 * a.path("cut_rate").asDouble(),
                        100 * a.path("check_failure_rate").asDouble()));
            }
        }
        if (c.hasNonNull("permanent")) {
            sb.append("  ").append(c.path("permanent").asText()).append('\n');
        } else if (c.hasNonNull("next_share_percent")) {
            sb.append("  next: freeport migrate canary --alias ").append(c.path("alias").asText())
                    .append(" --promote   (to ").append(c.path("next_share_percent").asInt()).append(" %)\n");
        }
        return sb.toString().stripTrailing();
    }
}
