package dev.freeport.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.config.StoreConfig;
import dev.freeport.json.Json;
import dev.freeport.ledger.UsageSummary;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The migration report of an alias as the CLI and the admin API give it: built from the lab's store and the
 * ledger's last 30 days of the alias ({@link UsageSummary}), rendered as JSON (snake_case fields) or as text.
 * Blocking (JDBC): call it on a worker.
 */
public final class LabReports {
    /** The window whose ledger volume a saving is projected on. */
    public static final Duration VOLUME_WINDOW = Duration.ofDays(30);
    private static final ObjectMapper SNAKE = Json.MAPPER.copy()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private LabReports() {
    }

    public static MigrationReport build(LabStore lab, Path dataDir, StoreConfig ledgerStore, String alias,
                                        Instant since, Instant now) {
        UsageSummary volume = UsageSummary.load(dataDir, ledgerStore, now.minus(VOLUME_WINDOW),
                UsageSummary.GroupBy.ALIAS);
        MigrationReport.Volume v = volume.rows().stream().filter(r -> r.key().equals(alias)).findFirst()
                .map(r -> new MigrationReport.Volume(r.requests(), r.costNanos()))
                .orElse(new MigrationReport.Volume(0, 0));
        long from = since.toEpochMilli();
        return ReportBuilder.build(alias, from, lab.samples(alias, from), lab.results(alias, from),
                lab.verdicts(alias, from), v, Agreements::cosine, Agreements::embed);
    }

    public static ObjectNode json(MigrationReport r) {
        ObjectNode out = SNAKE.valueToTree(r);
        for (int i = 0; i < r.candidates().size(); i++) {
            MigrationReport.Candidate c = r.candidates().get(i);
            ((ObjectNode) out.path("candidates").path(i))
                    .put("share_as_good_or_better", round(c.share()))
                    .put("cost_per_request_nanos", c.costPerRequestNanos())
                    .put("incumbent_cost_per_request_nanos", c.incumbentCostPerRequestNanos());
        }
        return out;
    }

    /** The report as a terminal shows it. */
    public static String text(MigrationReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("Migration report for ").append(r.alias()).append(": ").append(r.samples()).append(" samples; ")
                .append(r.volume().requests()).append(" requests cost ")
                .append(ReportBuilder.usd(r.volume().costNanos())).append(" in the last 30 days\n");
        if (r.candidates().isEmpty()) {
            sb.append("No candidate results yet: shadow traffic (shadow: under the alias) or freeport replay.\n");
        }
        for (MigrationReport.Candidate c : r.candidates()) {
            sb.append('\n').append("candidate ").append(c.name()).append(": as good or better on ")
                    .append(c.asGood()).append('/').append(c.compared()).append(" = ")
                    .append(ReportBuilder.pct(c.share())).append(" (95% CI ")
                    .append(ReportBuilder.pct(c.interval().low())).append('-')
                    .append(ReportBuilder.pct(c.interval().high())).append(")");
            if (c.failed() > 0 || c.refused() > 0) {
                sb.append("; ").append(c.failed()).append(" failed, ").append(c.refused())
                        .append(" refused by the rules (not sent)");
            }
            sb.append('\n');
            sb.append(String.format(java.util.Locale.ROOT, "  %-14s %10s %10s%n", "check fails", c.name(),
                    "incumbent"));
            for (Map.Entry<String, MigrationReport.Rates> e : c.failureRates().entrySet()) {
                sb.append(String.format(java.util.Locale.ROOT, "  %-14s %10s %10s%n", e.getKey(),
                        ReportBuilder.pct(e.getValue().candidate()), ReportBuilder.pct(e.getValue().incumbent())));
            }
            sb.append("  latency p50/p95/p99 ms: ").append(c.latency().p50()).append('/').append(c.latency().p95())
                    .append('/').append(c.latency().p99()).append(" vs ").append(c.incumbentLatency().p50())
                    .append('/').append(c.incumbentLatency().p95()).append('/').append(c.incumbentLatency().p99())
                    .append('\n');
            sb.append("  cost per request: ").append(nanoUsd(c.costPerRequestNanos())).append(" vs ")
                    .append(nanoUsd(c.incumbentCostPerRequestNanos())).append("; projected monthly saving: ")
                    .append(ReportBuilder.usd(c.monthlySavingNanos())).append('\n');
            if (c.agreement() != null && c.agreement().pairs() > 0) {
                sb.append("  agreement with the incumbent (cosine): median ").append(c.agreement().median())
                        .append("; <0.5/0.5-0.7/0.7-0.85/0.85-0.95/>=0.95: ").append(c.agreement().bands().stream()
                                .map(String::valueOf).collect(java.util.stream.Collectors.joining("/"))).append('\n');
            }
            if (c.judged().judged() > 0) {
                sb.append("  judge: better ").append(c.judged().better()).append(", same ").append(c.judged().same())
                        .append(", worse ").append(c.judged().worse()).append(" (judging cost ")
                        .append(nanoUsd(c.judged().costNanos())).append(")\n");
            }
            c.byKind().forEach((k, g) -> sb.append("  ").append(k).append(" requests: ")
                    .append(ReportBuilder.pct(g.asGood(), g.compared())).append(" of ").append(g.compared())
                    .append('\n'));
            c.byTeam().forEach((k, g) -> sb.append("  team ").append(k).append(": ")
                    .append(ReportBuilder.pct(g.asGood(), g.compared())).append(" of ").append(g.compared())
                    .append('\n'));
            c.byTag().forEach((k, g) -> sb.append("  tag ").append(k).append(": ")
                    .append(ReportBuilder.pct(g.asGood(), g.compared())).append(" of ").append(g.compared())
                    .append('\n'));
            c.byCluster().forEach((k, g) -> sb.append("  prompts like ").append(k).append(": ")
                    .append(ReportBuilder.pct(g.asGood(), g.compared())).append(" of ").append(g.compared())
                    .append('\n'));
            c.shortfalls().forEach(f -> sb.append("  ").append(f).append('\n'));
            for (MigrationReport.Example ex : c.worst()) {
                sb.append("  worst ").append(ex.sampleId()).append(" [").append(String.join(", ", ex.failures()))
                        .append("]\n    prompt:    ").append(oneLine(ex.prompt()))
                        .append("\n    incumbent: ").append(oneLine(ex.incumbent()))
                        .append("\n    candidate: ").append(oneLine(ex.candidate())).append('\n');
                if (ex.judgeReason() != null) {
                    sb.append("    judge:     ").append(oneLine(ex.judgeReason())).append('\n');
                }
            }
            sb.append("  suggestion: ").append(c.suggestion()).append('\n');
        }
        return sb.toString();
    }

    private static String oneLine(String s) {
        String t = s.replace('\n', ' ');
        return t.length() > 120 ? t.substring(0, 120) + " …" : t;
    }

    private static String nanoUsd(long nanos) {
        return "$" + java.math.BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString();
    }

    private static double round(double d) {
        return Math.round(d * 10_000) / 10_000.0;
    }
}
