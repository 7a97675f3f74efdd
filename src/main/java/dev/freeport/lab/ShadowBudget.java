package dev.freeport.lab;

import dev.freeport.config.ShadowConfig;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * The shadow budgets: per alias and UTC period (day from midnight, week from Monday, month from the 1st), what its
 * shadow requests cost. A period's counter starts from what the lab store already holds for it (read on a worker by
 * {@code load}); until that read is back the budget admits nothing, so a restart never forgets spend. Shadow spend
 * is counted here only: never in a caller's budget or rate limits.
 *
 * <p>The bound: a shadow request is sent while {@code spent < budget}, and its cost is added when it ends, so spend
 * can pass the budget by at most what the requests in flight at that moment cost (at most {@code max_concurrency}
 * sampled requests times their targets).
 */
final class ShadowBudget {
    private static final long LOADING = Long.MIN_VALUE;

    private final Map<String, AtomicLong> spent = new ConcurrentHashMap<>();
    /** starts the read of (alias, period start millis) from the store and hands back its sum */
    private final BiConsumer<String, Long> load;

    ShadowBudget(BiConsumer<String, Long> load) {
        this.load = load;
    }

    /** Whether another shadow request of {@code alias} may be sent now. */
    boolean allows(String alias, ShadowConfig cfg, long nowMillis) {
        long start = periodStart(cfg.budgetPeriod(), nowMillis);
        String key = alias + "@" + start;
        AtomicLong counter = spent.get(key);
        if (counter == null) {
            AtomicLong fresh = new AtomicLong(LOADING);
            counter = spent.putIfAbsent(key, fresh);
            if (counter == null) {
                load.accept(alias, start);
                return false;
            }
        }
        long v = counter.get();
        return v != LOADING && v < cfg.budgetNanos();
    }

    /** Starts the current period of {@code alias} from what the store holds (read at start-up, blocking). */
    void seed(String alias, ShadowConfig cfg, long nowMillis, java.util.function.LongUnaryOperator storedSince) {
        long start = periodStart(cfg.budgetPeriod(), nowMillis);
        spent.put(alias + "@" + start, new AtomicLong(storedSince.applyAsLong(start)));
    }

    /** The store's sum for a period, once read (a failed read leaves the period closed until the next one). */
    void loaded(String alias, long periodStart, long storedNanos) {
        AtomicLong counter = spent.get(alias + "@" + periodStart);
        if (counter != null) {
            counter.accumulateAndGet(storedNanos, (cur, stored) -> cur == LOADING ? stored : cur + stored);
        }
    }

    /** A shadow request of {@code alias} that ended and cost {@code nanos}. */
    void charge(String alias, ShadowConfig cfg, long whenMillis, long nanos) {
        AtomicLong counter = spent.computeIfAbsent(alias + "@" + periodStart(cfg.budgetPeriod(), whenMillis),
                k -> new AtomicLong(LOADING));
        counter.accumulateAndGet(nanos, (cur, add) -> cur == LOADING ? cur : cur + add);
    }

    /** Spent this period (0 while unknown). */
    long spent(String alias, ShadowConfig cfg, long nowMillis) {
        AtomicLong counter = spent.get(alias + "@" + periodStart(cfg.budgetPeriod(), nowMillis));
        long v = counter == null ? 0 : counter.get();
        return v == LOADING ? 0 : v;
    }

    static long periodStart(String period, long nowMillis) {
        LocalDate day = Instant.ofEpochMilli(nowMillis).atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate start = switch (period) {
            case "week" -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case "month" -> day.withDayOfMonth(1);
            default -> day;
        };
        return start.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
}
