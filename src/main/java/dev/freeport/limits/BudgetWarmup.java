package dev.freeport.limits;

import dev.freeport.caller.Authenticator;
import dev.freeport.caller.Principal;
import io.vertx.core.Future;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Every budget's counter of the current period given its starting spend when the gateway starts, so that no key's
 * first request waits for a ledger scan ({@link Counters#loadBaselines}): the budgets of the keys and teams the
 * authenticator knows ({@link Authenticator#budgeted}), each counter once (a team's is shared by its keys), at most
 * {@value #AT_ONCE} ledger reads at a time (on workers: the reads are {@link SpendBaseline}'s). A counter the store
 * already holds (Redis across a restart of Freeport) is not read again: a reservation of 0 asks first. Each loaded
 * budget is shown to the metrics at once ({@link LimitUse}). A read that fails is logged and left to the first
 * request, which tries again.
 */
final class BudgetWarmup {
    static final int AT_ONCE = 16;
    private static final Logger LOG = Logger.getLogger(BudgetWarmup.class.getName());

    private final Counters counters;
    private final LimitUse use;

    BudgetWarmup(Counters counters, LimitUse use) {
        this.counters = counters;
        this.use = use;
    }

    /** Loads the budgets of {@code principals} in their periods at {@code now}; completes when all are tried. */
    Future<Void> load(List<Principal> principals, Instant now) {
        Map<String, BudgetLine> lines = new LinkedHashMap<>();
        for (Principal p : principals) {
            for (BudgetLine l : Subjects.budgets(p, now)) {
                lines.putIfAbsent(l.counterKey(), l);
            }
        }
        if (lines.isEmpty()) {
            return Future.succeededFuture();
        }
        long t0 = System.nanoTime();
        List<BudgetLine> all = new ArrayList<>(lines.values());
        Future<Void> chain = Future.succeededFuture();
        for (int from = 0; from < all.size(); from += AT_ONCE) {
            List<BudgetLine> group = all.subList(from, Math.min(all.size(), from + AT_ONCE));
            chain = chain.compose(v -> Future.join(group.stream().map(this::load).toList()).mapEmpty());
        }
        return chain.onComplete(ar -> LOG.info(() -> "budgets' starting spend loaded: " + all.size()
                + " budget periods in " + (System.nanoTime() - t0) / 1_000_000 + " ms"));
    }

    /** One budget period's counter: asked with a reservation of 0, its baseline loaded if it has none yet. */
    private Future<Void> load(BudgetLine l) {
        List<BudgetLine> one = List.of(l);
        return counters.tryReserveBudget(one, 0).compose(r -> r.needsBaseline()
                        ? counters.loadBaselines(one).compose(v -> counters.budgetState(l))
                        : r.states().isEmpty() ? counters.budgetState(l) : Future.succeededFuture(r.states().getFirst()))
                .<Void>map(state -> {
                    use.budget(l, state);
                    return null;
                })
                .recover(e -> {
                    LOG.warning("could not load the starting spend of " + l.display() + " at start (its first "
                            + "request tries again): " + e.getMessage());
                    return Future.succeededFuture();
                });
    }
}
