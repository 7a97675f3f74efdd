package dev.freeport.observe;

import dev.freeport.limits.LimitUse;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Budget and rate-limit use per key and team, from what the limit policies last saw ({@link LimitUse}): gauges
 * labelled {@code subject} ("key:ID" with the key's id, never its secret, or "team:NAME"). The first
 * {@code max} subjects get their own series; the use of every later one is summed under {@code subject="other"}.
 * Gauges are added at scrape time for subjects seen since the last scrape.
 */
final class LimitGauges {
    private final MeterRegistry registry;
    private final LimitUse use;
    private final int max;
    private final Set<String> budgetsListed = ConcurrentHashMap.newKeySet();
    private final Set<String> ratesListed = ConcurrentHashMap.newKeySet();
    private boolean budgetOther;
    private boolean rateOther;

    LimitGauges(MeterRegistry registry, LimitUse use, int max) {
        this.registry = registry;
        this.use = use;
        this.max = max;
    }

    /** Registers gauges for subjects seen since the last call (scrapes are serialised by the caller). */
    synchronized void sync() {
        if (use == null) {
            return;
        }
        for (LimitUse.Budget b : use.budgets()) {
            if (budgetsListed.contains(b.subject())) {
                continue;
            }
            if (budgetsListed.size() < max) {
                budgetsListed.add(b.subject());
                String s = b.subject();
                budget(s, b.period(), u -> value(u.budget(s), LimitUse.Budget::spentNanos) / 1e9,
                        u -> value(u.budget(s), LimitUse.Budget::reservedNanos) / 1e9,
                        u -> value(u.budget(s), LimitUse.Budget::limitNanos) / 1e9);
            } else if (!budgetOther) {
                budgetOther = true;
                budget(LabelCap.OTHER, LabelCap.OTHER, u -> otherBudgets(u, LimitUse.Budget::spentNanos) / 1e9,
                        u -> otherBudgets(u, LimitUse.Budget::reservedNanos) / 1e9,
                        u -> otherBudgets(u, LimitUse.Budget::limitNanos) / 1e9);
            }
        }
        for (LimitUse.Rate r : use.rates()) {
            if (ratesListed.contains(r.subject())) {
                continue;
            }
            if (ratesListed.size() < max) {
                ratesListed.add(r.subject());
                String s = r.subject();
                rate(s, u -> value(u.rate(s), LimitUse.Rate::requestsUsed), u -> value(u.rate(s), LimitUse.Rate::rpm),
                        u -> value(u.rate(s), LimitUse.Rate::tokensUsed), u -> value(u.rate(s), LimitUse.Rate::tpm));
            } else if (!rateOther) {
                rateOther = true;
                rate(LabelCap.OTHER, u -> otherRates(u, LimitUse.Rate::requestsUsed),
                        u -> otherRates(u, LimitUse.Rate::rpm), u -> otherRates(u, LimitUse.Rate::tokensUsed),
                        u -> otherRates(u, LimitUse.Rate::tpm));
            }
        }
    }

    private void budget(String subject, String period, ToDoubleFunction<LimitUse> spent,
                        ToDoubleFunction<LimitUse> reserved, ToDoubleFunction<LimitUse> limit) {
        gauge("freeport.budget.spent.usd", "Spent in the budget's current period (USD)", spent, subject, period);
        gauge("freeport.budget.reserved.usd", "Reserved by requests in flight (USD)", reserved, subject, period);
        gauge("freeport.budget.limit.usd", "The budget's limit (USD)", limit, subject, period);
    }

    private void rate(String subject, ToDoubleFunction<LimitUse> requests, ToDoubleFunction<LimitUse> rpm,
                      ToDoubleFunction<LimitUse> tokens, ToDoubleFunction<LimitUse> tpm) {
        gauge("freeport.ratelimit.requests.used", "Requests in the rolling minute", requests, subject, null);
        gauge("freeport.ratelimit.requests.limit", "Requests per minute allowed (-1: none)", rpm, subject, null);
        gauge("freeport.ratelimit.tokens.used", "Tokens in the rolling minute", tokens, subject, null);
        gauge("freeport.ratelimit.tokens.limit", "Tokens per minute allowed (-1: none)", tpm, subject, null);
    }

    private void gauge(String name, String description, ToDoubleFunction<LimitUse> f, String subject, String period) {
        Gauge.Builder<LimitUse> b = Gauge.builder(name, use, f).description(description).tag("subject", subject)
                .strongReference(true);
        if (period != null) {
            b.tag("period", period);
        }
        b.register(registry);
    }

    private static <T> double value(T v, ToDoubleFunction<T> f) {
        return v == null ? 0 : f.applyAsDouble(v);
    }

    private double otherBudgets(LimitUse u, ToDoubleFunction<LimitUse.Budget> f) {
        double sum = 0;
        for (LimitUse.Budget b : u.budgets()) {
            if (!budgetsListed.contains(b.subject())) {
                sum += f.applyAsDouble(b);
            }
        }
        return sum;
    }

    private double otherRates(LimitUse u, ToDoubleFunction<LimitUse.Rate> f) {
        double sum = 0;
        for (LimitUse.Rate r : u.rates()) {
            if (!ratesListed.contains(r.subject())) {
                sum += f.applyAsDouble(r);
            }
        }
        return sum;
    }
}
