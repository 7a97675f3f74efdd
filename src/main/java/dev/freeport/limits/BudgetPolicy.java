package dev.freeport.limits;

import dev.freeport.api.Usage;
import dev.freeport.catalog.Fixed;
import dev.freeport.catalog.ModelPrice;
import dev.freeport.catalog.PriceCatalog;
import dev.freeport.catalog.PriceRules;
import dev.freeport.catalog.PriceSheet;
import dev.freeport.catalog.Rates;
import dev.freeport.error.ErrorKind;
import dev.freeport.error.GatewayError;
import dev.freeport.policy.Admission;
import dev.freeport.policy.Outcome;
import dev.freeport.policy.Policy;
import dev.freeport.route.Target;
import io.vertx.core.Future;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Budgets by reservation. Before dispatch it reserves the request's maximum cost (the most expensive target the
 * request may reach: the alias's, its fallback aliases', its canary candidate's, at prompt tokens + max output tokens, at the long-context tier the prompt reaches; a target without a
 * price reserves 0) on the key's and the
 * team's budget at once; a hard budget that cannot fit it rejects with 429 {@code budget_exceeded}. At the end
 * the reservation is replaced by the real cost (0 when the request failed), and alerts fire for thresholds the
 * spend crossed. See ARCHITECTURE.md, "Budgets and rate limits", for the bound this gives.
 */
public final class BudgetPolicy implements Policy {
    private static final Logger LOG = Logger.getLogger(BudgetPolicy.class.getName());

    private final io.vertx.core.Vertx vertx;
    private final long deadlineMs;
    private final Counters counters;
    private final Clock clock;
    private final Alerts alerts;
    private final LimitUse use;
    private final PrincipalLines lines = new PrincipalLines();

    public BudgetPolicy(io.vertx.core.Vertx vertx, Counters counters, Clock clock, Alerts alerts) {
        this(vertx, counters, clock, alerts, new LimitUse(), OnCaller.DEADLINE_MS);
    }

    /**
     * Reporting each budget's last seen state to {@code use} (metrics); a request waits at most {@code deadlineMs}
     * for the counters' answer ({@code limits.deadline}).
     */
    public BudgetPolicy(io.vertx.core.Vertx vertx, Counters counters, Clock clock, Alerts alerts, LimitUse use,
                        long deadlineMs) {
        this.deadlineMs = deadlineMs;
        this.vertx = vertx;
        this.counters = counters;
        this.clock = clock;
        this.alerts = alerts;
        this.use = use;
    }

    /**
     * The most a request can cost: max over the priced targets it may reach (the alias's own, its fallback aliases',
     * its canary candidate's); per-hour prices count at 0 latency.
     */
    public static long maxCostNanos(Admission a) {
        return maxCostNanos(a, a.prompt().counted());
    }

    /**
     * As {@link #maxCostNanos(Admission)} for {@code promptTokens} prompt tokens, at the long-context tier of each
     * target's price sheet that a prompt of that size is billed at.
     */
    static long maxCostNanos(Admission a, long promptTokens) {
        long max = 0;
        for (Target t : a.reachable()) {
            if (t.price() != null) {
                long plain = plainCost(t.price(), promptTokens, a.maxOutputTokens());
                max = Math.max(max, regional(t, tiered(t, promptTokens, a.maxOutputTokens(), plain)));
            }
        }
        return max;
    }

    /**
     * What {@code price} bills for the prompt and output tokens, in nano-dollars: in longs over the rates the price
     * holds as pico-dollars per token ({@link ModelPrice#tokens}), the BigDecimal way only for a rate that has no
     * exact whole form or a product past a long. No map, no BigDecimal per request: this also keeps the admission
     * path small for the JIT (with the in-process counters answering synchronously the policies' {@code before}
     * halves compile into one unit, and BigDecimal code inside the loop over the reachable targets made that one
     * compilation take 64-109 MB of C heap: BENCHMARKS.md, "Memory"; {@code AdmissionCompileTest}).
     */
    static long plainCost(ModelPrice price, long promptTokens, long outputTokens) {
        long nanos = price.tokens().nanos(promptTokens, 0, 0, outputTokens);
        return nanos >= 0 ? nanos : exactCost(price, promptTokens, outputTokens);
    }

    private static long exactCost(ModelPrice price, long promptTokens, long outputTokens) {
        return PriceCatalog.costNanos(price, Usage.of(promptTokens, outputTokens), 0);
    }

    /**
     * {@code plain} (the bound's cost at the target's base USD price) raised to the sheet's highest context tier
     * the prompt is above, if any: the tier's rates over the base rates, in the sheet's currency, scale the USD
     * cost by the same factor (a CNY sheet's USD price is its base rates converted at one rate).
     */
    private static long tiered(Target t, long promptTokens, long outputTokens, long plain) {
        PriceSheet sheet = t.sheet();
        if (sheet == null || sheet.rules().contextTiers().isEmpty()) {
            return plain;
        }
        PriceRules.ContextTier tier = null;
        for (PriceRules.ContextTier c : sheet.rules().contextTiers()) {
            if (promptTokens > c.above()) {
                tier = c; // sorted by threshold: the last one passed is the highest
            }
        }
        if (tier == null) {
            return plain;
        }
        long base = sheet.rates().picos().nanos(promptTokens, 0, 0, outputTokens);
        long high = tier.rates().picos().over(sheet.rates().picos()).nanos(promptTokens, 0, 0, outputTokens);
        if (base < 0 || high < 0) { // a rate without an exact whole form, or past a long
            Usage bound = Usage.of(promptTokens, outputTokens);
            base = PriceCatalog.costNanos(priceOf(sheet.rates()), bound, 0);
            high = PriceCatalog.costNanos(priceOf(tier.rates().over(sheet.rates())), bound, 0);
        }
        if (PriceSheet.USD.equals(sheet.currency())) {
            return Math.max(plain, high);
        }
        if (base <= 0) {
            return plain;
        }
        return Math.max(plain, BigDecimal.valueOf(plain).multiply(BigDecimal.valueOf(high))
                .divide(BigDecimal.valueOf(base), 0, RoundingMode.CEILING).longValueExact());
    }

    /** {@code cost} raised by the region the target's endpoint fixes (a cloud's ×1.1 off its global profile). */
    private static long regional(Target t, long cost) {
        Fixed f = t.sheet() == null ? null : t.sheet().regionFixed();
        long raised = f == null ? cost : f.timesCeiling(cost);
        if (raised >= 0) {
            return raised;
        }
        BigDecimal m = t.sheet().regionMultiplier(); // the BigDecimal way: inexact, or past a long
        return m.compareTo(BigDecimal.ONE) == 0 ? cost
                : BigDecimal.valueOf(cost).multiply(m).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    private static ModelPrice priceOf(Rates r) {
        return new ModelPrice(null, null, r.input(), r.output(), r.cachedInput(), r.cacheWrite(), null, null, null);
    }

    @Override
    public Future<Ticket> before(Admission admission) {
        if (admission.cacheHit()) { // costs nothing, reserves nothing
            return Future.succeededFuture(Ticket.NONE);
        }
        PrincipalLines.Budgets lines = this.lines.budgetsOf(admission.principal(), clock.millis());
        if (lines.lines().isEmpty()) {
            return Future.succeededFuture(Ticket.NONE);
        }
        // the prompt's cheap bound first; counted only when the bound's cost does not fit (then reserved exactly)
        long bound = maxCostNanos(admission, admission.prompt().atMost());
        return reserve(admission, lines, bound, bound > 0 && admission.prompt().bounded());
    }

    /**
     * Reserves under the counters' deadline; a counter without its starting spend yet is loaded first, outside
     * that deadline (under {@link OnCaller#BASELINE_DEADLINE_MS}: the ledger read is not the counters' answer time).
     */
    private Future<Ticket> reserve(Admission admission, PrincipalLines.Budgets lines, long amount,
                                   boolean countOnReject) {
        return reserve(admission, lines, amount, countOnReject,
                counters.tryReserveBudget(lines.lines(), lines.cells(), amount));
    }

    private Future<Ticket> reserve(Admission admission, PrincipalLines.Budgets lines, long amount,
                                   boolean countOnReject, Future<Counters.BudgetReply> attempt) {
        if (attempt.succeeded()) { // the in-process counters answer at once: no deadline, listener or lambda to make
            return answered(admission, lines, amount, countOnReject, attempt.result());
        }
        return OnCaller.guarded(vertx, attempt, deadlineMs, late -> {
            if (late.admitted()) {
                counters.settleBudget(lines.lines(), lines.cells(), amount, 0);
            }
        }).compose(reply -> answered(admission, lines, amount, countOnReject, reply));
    }

    /** The ticket of an admitted request; the baseline loaded first; a second try at the counted prompt; or no. */
    private Future<Ticket> answered(Admission admission, PrincipalLines.Budgets lines, long amount,
                                    boolean countOnReject, Counters.BudgetReply reply) {
        if (reply.needsBaseline()) {
            return OnCaller.guarded(vertx, counters.loadBaselines(lines.lines()), OnCaller.BASELINE_DEADLINE_MS,
                    v -> {
                    }).compose(v -> reserve(admission, lines, amount, countOnReject,
                    counters.reserveBudget(lines.lines(), amount))); // loaded: this one reads no ledger (but a flush)
        }
        if (seen(lines.lines(), reply).admitted()) {
            return Future.succeededFuture(new BudgetTicket(admission.requestId(), lines, amount));
        }
        if (countOnReject) {
            return reserve(admission, lines, maxCostNanos(admission), false);
        }
        return Future.failedFuture(exceeded(lines.lines().get(reply.rejected()),
                reply.states().get(reply.rejected()), amount).toException());
    }

    /**
     * A batch API's answer's cost in place of the estimate held since its hand-over (the request's ticket charged the
     * estimate as spend then, in the period of {@code heldAt}): the estimate taken back from that period, the cost
     * added to the current one. The counters' starting spend is loaded first (after a restart the ledger and the batch
     * store's holds give it), so that the difference lands on it, never on an empty counter.
     */
    @Override
    public void charge(dev.freeport.caller.Principal principal, long costNanos, long heldNanos,
                       java.time.Instant heldAt) {
        List<BudgetLine> now = this.lines.budgets(principal, clock.millis());
        List<BudgetLine> then = heldNanos > 0 && heldAt != null ? Subjects.budgets(principal, heldAt) : List.of();
        long cost = Math.max(0, costNanos);
        boolean samePeriods = then.isEmpty() || then.stream().map(BudgetLine::counterKey).toList()
                .equals(now.stream().map(BudgetLine::counterKey).toList());
        if (samePeriods) {
            settleLater(now, cost - (then.isEmpty() ? 0 : heldNanos), costNanos, heldNanos);
        } else {
            settleLater(then, -heldNanos, costNanos, heldNanos);
            settleLater(now, cost, costNanos, heldNanos);
        }
    }

    private void settleLater(List<BudgetLine> lines, long delta, long costNanos, long heldNanos) {
        if (lines.isEmpty() || delta == 0) {
            return;
        }
        counters.loadBaselines(lines).compose(v -> counters.settleBudget(lines, 0, delta)).onSuccess(states -> {
            for (int i = 0; i < lines.size() && i < states.size(); i++) {
                use.budget(lines.get(i), states.get(i));
                alerts.check(lines.get(i), states.get(i), delta);
            }
        }).onFailure(e -> LOG.log(Level.SEVERE, "could not charge a batch answer's cost of " + costNanos
                + " nano-USD (held " + heldNanos + "): " + e.getMessage()));
    }

    /** Reports the lines' states to the metrics' view ({@link LimitUse}); answers {@code reply}. */
    private Counters.BudgetReply seen(List<BudgetLine> lines, Counters.BudgetReply reply) {
        List<Counters.BudgetState> states = reply.states();
        for (int i = 0; states != null && i < lines.size() && i < states.size(); i++) {
            use.budget(lines.get(i), states.get(i));
        }
        return reply;
    }

    static GatewayError exceeded(BudgetLine line, Counters.BudgetState s, long amount) {
        long left = Math.max(0, line.budget().limitNanos() - s.spentNanos() - s.reservedNanos());
        String resets = line.periodEnd() == null ? "It is a total budget and does not reset."
                : "It resets at " + DateTimeFormatter.ISO_INSTANT.format(line.periodEnd()) + ".";
        String msg = "Budget exceeded: the " + Periods.adjective(line.budget().period()) + " budget of "
                + line.display() + " is $" + usd(line.budget().limitNanos()) + "; $" + usd(s.spentNanos())
                + " is spent and $" + usd(s.reservedNanos()) + " reserved by requests in flight, leaving $"
                + usd(left) + ", and this request may cost up to $" + usd(amount) + ". " + resets;
        return new GatewayError(ErrorKind.RATE_LIMITED, 429, msg, null, "budget_exceeded", null);
    }

    /** USD with at least two decimals: "5.00", "0.10", "0.000123". */
    static String usd(long nanos) {
        java.math.BigDecimal d = java.math.BigDecimal.valueOf(nanos, 9).stripTrailingZeros();
        return (d.scale() < 2 ? d.setScale(2) : d).toPlainString();
    }

    /** An admitted request's reservation (true once settled: exactly once, whoever ends the request). */
    private final class BudgetTicket extends AtomicBoolean implements Ticket {
        private final String requestId;
        private final List<BudgetLine> lines;
        private final Counters.Cells cells;
        private final long reserved;

        BudgetTicket(String requestId, PrincipalLines.Budgets lines, long reserved) {
            this.requestId = requestId;
            this.lines = lines.lines();
            this.cells = lines.cells();
            this.reserved = reserved;
        }

        @Override
        public void after(Outcome outcome) {
            if (!compareAndSet(false, true)) {
                return;
            }
            long actual = Math.max(0, outcome.costNanos());
            Future<List<Counters.BudgetState>> settled = counters.settleBudget(lines, cells, reserved, actual);
            if (settled.succeeded()) { // the in-process counters answer at once: no listener per request
                settled(settled.result(), actual);
            } else {
                settled.onComplete(ar -> {
                    if (ar.succeeded()) {
                        settled(ar.result(), actual);
                    } else {
                        LOG.log(Level.SEVERE, "could not settle the budget of request " + requestId + " (reserved "
                                + reserved + ", cost " + actual + " nano-USD): " + ar.cause().getMessage());
                    }
                });
            }
        }

        private void settled(List<Counters.BudgetState> states, long actual) {
            for (int i = 0; i < lines.size() && i < states.size(); i++) {
                use.budget(lines.get(i), states.get(i));
                alerts.check(lines.get(i), states.get(i), actual);
            }
        }
    }
}
