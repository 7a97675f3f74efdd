package dev.freeport.audit;

import dev.freeport.reconcile.LastRun;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The whole audit result, pure data; rendered by {@link AuditJson}, {@link TerminalReport} and {@link HtmlReport}.
 * {@code unpriced}: the traffic whose cost is unknown (not in any dollar figure); {@code bill}: the last
 * {@code freeport reconcile} run per vendor, whose findings are differences from the vendor's bill.
 */
public record AuditReport(String source, Instant from, Instant to, Totals totals, List<Malformed> malformed,
                          Spend spend, Concentration concentration, List<Finding> findings, Savings savings,
                          Unpriced unpriced, List<LastRun.VendorRun> bill) {

    public AuditReport {
        unpriced = unpriced == null ? Unpriced.NONE : unpriced;
        bill = bill == null ? List.of() : List.copyOf(bill);
    }

    public AuditReport(String source, Instant from, Instant to, Totals totals, List<Malformed> malformed,
                       Spend spend, Concentration concentration, List<Finding> findings, Savings savings) {
        this(source, from, to, totals, malformed, spend, concentration, findings, savings, null, null);
    }

    /** This report with the last reconcile runs' findings. */
    public AuditReport withBill(List<LastRun.VendorRun> runs) {
        return new AuditReport(source, from, to, totals, malformed, spend, concentration, findings, savings,
                unpriced, runs);
    }

    /**
     * Requests whose cost is unknown (a model without a price, a currency without a rate): how many, their tokens,
     * and per provider/model (most requests first). Their cost is in no dollar figure of the report.
     */
    public record Unpriced(long requests, long inputTokens, long outputTokens, List<Group> byModel) {
        public static final Unpriced NONE = new Unpriced(0, 0, 0, List.of());

        public Unpriced {
            byModel = List.copyOf(byModel);
        }
    }

    public record Totals(long requests, long ok, long failed, long inputTokens, long outputTokens,
                         long reasoningTokens, long costNanos) {
    }

    /** One group of a breakdown (a day, vendor, model, key, team or tag). */
    public record Group(String key, long requests, long inputTokens, long outputTokens, long costNanos) {
    }

    /** Spend per day (oldest first) and by vendor, model, key, team, tag (highest first); top keys; trend. */
    public record Spend(List<Group> byDay, List<Group> byVendor, List<Group> byModel, List<Group> byKey,
                        List<Group> byTeam, List<Group> byTag, List<Group> topSpenders, Trend trend) {
    }

    /** Last 7 days against the 7 before: spend and the change in percent (null when the earlier week spent 0). */
    public record Trend(LocalDate lastDay, long last7Nanos, long prior7Nanos, BigDecimal changePct) {
    }

    /** A vendor's or jurisdiction's part of requests, tokens and spend (shares in percent, 1 decimal). */
    public record Share(String key, String label, long requests, long tokens, long costNanos, BigDecimal requestPct,
                        BigDecimal tokenPct, BigDecimal spendPct) {
    }

    /** An alias served by one vendor only, or with no fallback target. */
    public record Spof(String alias, List<String> vendors, int targets, String reason, boolean fromConfig) {
    }

    /** HHI on spend shares (0–10,000) and its usual reading. */
    public record Concentration(List<Share> vendors, List<Share> jurisdictions, long hhi, String hhiReading,
                                List<Spof> singlePointsOfFailure) {
    }

    /**
     * One token-maxxing finding: how many requests (or groups), the dollars at stake (nanos), up to 5 example
     * request ids, an optional share in percent, and how the figure was computed.
     */
    public record Finding(String id, String title, long count, long nanos, List<String> examples, BigDecimal sharePct,
                          String method) {
    }

    /** Today's cost against the cheapest capable catalog model, total and per alias. */
    public record Savings(long currentNanos, long projectedNanos, long savingNanos, List<AliasSaving> perAlias,
                          String note) {
    }

    /** {@code suggestion}: the replacement chosen most often for this alias ("provider/model"), or "keep". */
    public record AliasSaving(String alias, long requests, long currentNanos, long projectedNanos, long savingNanos,
                              String suggestion) {
    }
}
