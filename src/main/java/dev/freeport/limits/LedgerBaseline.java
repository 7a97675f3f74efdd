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
 * for Redis it is now (a flushed Redis lost everything, the ledger has it up to its journal's lag).
 */
public final class LedgerBaseline implements SpendBaseline {
    private final Vertx vertx;
    private final Ledger ledger;
    private final Supplier<Instant> until;

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

    @Override
    public Future<Long> spentNanos(String subject, Budget.Period period, Instant periodStart) {
        Instant end = until.get();
        if (!periodStart.isBefore(end)) {
            return Future.succeededFuture(0L); // a period that began later has nothing in the ledger before it
        }
        return vertx.executeBlocking(() -> ledger.spendOf(subject, periodStart, end), false);
    }
}
