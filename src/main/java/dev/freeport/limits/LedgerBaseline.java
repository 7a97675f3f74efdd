package dev.freeport.limits;

import dev.freeport.caller.Budget;
import dev.freeport.ledger.Ledger;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A budget's spend before its counter existed, from the ledger: the sum of its key's or team's events in the
 * period up to {@code until} ({@link Ledger#spendOf}: one range scan of a covering index, on a worker). For the
 * in-process counters {@code until} is when this process started (its own requests are counted by the counters);
 * for Redis it is now (a flushed Redis lost everything, the ledger has it up to its journal's lag). Plus what
 * requests handed to a back end's batch API hold ({@link Held}: their estimates, charged at the hand-over, not yet in
 * the ledger) as it stood at {@code until}.
 */
public final class LedgerBaseline implements SpendBaseline {
    private final Vertx vertx;
    private final Ledger ledger;
    private final Supplier<Instant> until;
    private volatile Held held = Held.NONE;

    /**
     * Spend held outside the ledger (the batch store's handed-over requests): the sum of the holds of
     * {@code subject} ("key:ID", "team:NAME") charged in [{@code from}, {@code until}) and not released before
     * {@code until}. Blocking: called on a worker.
     */
    @FunctionalInterface
    public interface Held {
        Held NONE = (subject, from, until) -> 0L;

        long heldNanos(String subject, Instant from, Instant until);
    }

    private LedgerBaseline(Vertx vertx, Ledger ledger, Supplier<Instant> until) {
        this.vertx = vertx;
        this.ledger = ledger;
        this.until = until;
    }

    /** Spend before {@code started} (in-process counters). */
    public static LedgerBaseline before(Vertx vertx, Ledger ledger, Instant started) {
        return new LedgerBaseline(vertx, ledger, () -> started);
    }

    /** Spend up to the moment of asking (Redis counters). */
    public static LedgerBaseline upToNow(Vertx vertx, Ledger ledger, Clock clock) {
        return new LedgerBaseline(vertx, ledger, clock::instant);
    }

    /** Counts {@code source}'s holds into every baseline from now on (wired once the batch module is open). */
    public void countHeld(Held source) {
        this.held = source == null ? Held.NONE : source;
    }

    @Override
    public Future<Long> spentNanos(String subject, Budget.Period period, Instant periodStart) {
        Instant end = until.get();
        if (!periodStart.isBefore(end)) {
            return Future.succeededFuture(0L); // a period that began later has nothing in the ledger before it
        }
        Held h = held;
        return vertx.executeBlocking(() -> ledger.spendOf(subject, periodStart, end)
                + h.heldNanos(subject, periodStart, end), false);
    }
}
