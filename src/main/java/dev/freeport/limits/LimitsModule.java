package dev.freeport.limits;

import dev.freeport.config.FreeportConfig;
import dev.freeport.config.LimitsConfig;
import dev.freeport.module.AdminRoutes;
import dev.freeport.module.Module;
import dev.freeport.policy.Policy;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Budgets, rate limits and alerts, wired from the config: the counters (in-process or Redis, per
 * limits.backend), the two policies and the webhook. A {@link Module}: its {@link #policies()} run the rate-limit policy first, then the budget policy (see ARCHITECTURE.md for why).
 */
public final class LimitsModule implements Module {
    /** How long a parallel slot lives in Redis if its replica dies holding it; above any request's total timeout. */
    public static final Duration SLOT_TTL = Duration.ofMinutes(15);

    private final Counters counters;
    private final Alerts alerts;
    private final RateLimitPolicy rateLimits;
    private final BudgetPolicy budgets;
    private final BudgetStateAdmin admin;
    private final Clock clock;
    private final LimitUse use = new LimitUse();
    private LedgerBaseline ledgerBaseline;

    private LimitsModule(Vertx vertx, Counters counters, Alerts alerts, Clock clock, long deadlineMs) {
        this.counters = counters;
        this.clock = clock;
        this.admin = new BudgetStateAdmin(counters, clock);
        this.alerts = alerts;
        this.rateLimits = new RateLimitPolicy(vertx, counters, clock, use, deadlineMs);
        this.budgets = new BudgetPolicy(vertx, counters, clock, alerts, use, deadlineMs);
    }

    /** The system clock; in-process counters start from zero (no baseline). */
    public static LimitsModule create(Vertx vertx, FreeportConfig cfg) {
        return create(vertx, cfg, Clock.systemUTC(), SpendBaseline.ZERO);
    }

    /**
     * The system clock; a budget period's counter starts from what the ledger holds for it (asked on a worker the
     * first time a request touches it): in-process, the spend before this process started, so that a restart does
     * not forget this period's spend; with Redis, only for a counter Redis does not hold (flushed). A null ledger:
     * from zero.
     */
    public static LimitsModule create(Vertx vertx, FreeportConfig cfg, dev.freeport.ledger.Ledger ledger) {
        Clock clock = Clock.systemUTC();
        SpendBaseline baseline = ledger == null ? SpendBaseline.ZERO
                : cfg.limits().backend() == LimitsConfig.Backend.REDIS ? LedgerBaseline.upToNow(vertx, ledger, clock)
                : LedgerBaseline.before(vertx, ledger, clock.instant());
        LimitsModule m = create(vertx, cfg, clock, baseline);
        m.ledgerBaseline = baseline instanceof LedgerBaseline lb ? lb : null;
        return m;
    }

    /**
     * Counts the spend {@code source} holds outside the ledger (requests handed to a back end's batch API, charged at
     * the hand-over, in the batch store) into every budget's starting spend, so a restart keeps those holds.
     */
    public void countHeld(LedgerBaseline.Held source) {
        if (ledgerBaseline != null) {
            ledgerBaseline.countHeld(source);
        }
    }

    /**
     * With a clock (tests: period rollover) and what each budget had spent in its current period before this
     * process started: in-process counters start from it; Redis counters seed a budget's counter from it when Redis
     * does not hold that counter (a flushed or restarted Redis without persistence).
     */
    public static LimitsModule create(Vertx vertx, FreeportConfig cfg, Clock clock, SpendBaseline baseline) {
        LimitsConfig lc = cfg.limits();
        Counters counters = lc.backend() == LimitsConfig.Backend.REDIS
                ? new RedisCounters(vertx, lc.redisUrl(), SLOT_TTL.toMillis(), baseline)
                : new MemoryCounters(baseline);
        return new LimitsModule(vertx, counters, new Alerts(vertx, cfg.alerts(), counters), clock,
                lc.deadline().toMillis());
    }

    /** Rate limits, then budgets. */
    @Override
    public List<Policy> policies() {
        return List.of(rateLimits, budgets);
    }

    /**
     * Every budget's counter of the current period gets its starting spend now (the keys and teams with a budget
     * that {@code authenticator} knows; {@link BudgetWarmup}), so that no key's first request after a restart waits
     * for a ledger scan.
     */
    @Override
    public io.vertx.core.Future<Void> warm(dev.freeport.caller.Authenticator authenticator) {
        return new BudgetWarmup(counters, use).load(authenticator.budgeted(), clock.instant());
    }

    /** GET /admin/limits/budgets: the counters' state of given budgets (read-only). */
    @Override
    public List<AdminRoutes> adminRoutes() {
        return List.of(admin);
    }

    public RateLimitPolicy rateLimits() {
        return rateLimits;
    }

    public BudgetPolicy budgets() {
        return budgets;
    }

    /** Each budget's and rate limit's last seen use (the metrics read it). */
    public LimitUse use() {
        return use;
    }

    /** The counters, for diagnostics and tests (e.g. a budget's reserved amount). */
    public Counters counters() {
        return counters;
    }

    @Override
    public void close() {
        alerts.close();
        counters.close();
    }
}
