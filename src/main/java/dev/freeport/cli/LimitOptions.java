package dev.freeport.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.access.Specs;
import dev.freeport.caller.Budget;
import dev.freeport.error.GatewayException;
import picocli.CommandLine.Option;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/** --budget/--soft/--alerts and --rpm/--tpm/--max-parallel/--tags, shared by keys and teams; only given ones are sent. */
final class LimitOptions {
    @Option(names = "--budget", description = "USD per period: 50usd/month, 10usd/day, 5usd/week, 200usd/total; "
            + "'none' removes it.")
    String budget;

    @Option(names = "--soft", description = "The budget only alerts instead of rejecting.")
    boolean soft;

    @Option(names = "--alerts", split = ",", description = "Alert thresholds in percent, e.g. 50,80,100.")
    List<Integer> alerts;

    @Option(names = "--rpm", description = "Requests per minute (0 removes the limit).")
    Long rpm;

    @Option(names = "--tpm", description = "Tokens per minute (0 removes the limit).")
    Long tpm;

    @Option(names = "--max-parallel", description = "Requests in flight at once (0 removes the limit).")
    Long maxParallel;

    @Option(names = "--tags", split = ",", description = "Tags, comma-separated (reach the ledger).")
    List<String> tags;

    void write(ObjectNode body) {
        if (budget != null) {
            if (budget.equalsIgnoreCase("none")) {
                body.putNull("budget");
            } else {
                Budget b;
                try {
                    b = Specs.budget("--budget", budget, !soft, alerts == null ? List.of() : alerts);
                } catch (GatewayException e) {
                    throw CliFailure.usage(e.getMessage());
                }
                ObjectNode o = body.putObject("budget");
                o.put("amount_usd", new BigDecimal(Specs.usd(b.limitNanos())));
                o.put("period", b.period().name().toLowerCase(Locale.ROOT));
                o.put("hard", b.hard());
                b.alertPercents().forEach(o.putArray("alert_percents")::add);
            }
        }
        limit(body, "rpm", rpm);
        limit(body, "tpm", tpm);
        limit(body, "max_parallel", maxParallel);
        if (tags != null) {
            tags.forEach(body.putArray("tags")::add);
        }
    }

    private static void limit(ObjectNode body, String field, Long value) {
        if (value == null) {
            return;
        }
        if (value == 0) {
            body.putNull(field);
        } else {
            body.put(field, value);
        }
    }
}
