package dev.freeport.ledger;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The ledger's retention ({@code ledger.retention}, {@code ledger.max_size}): which events are old enough to go,
 * and deleting them off the request path. The gateway runs it on the ledger's own thread between moves of the
 * journal, one batch of {@link #BATCH} events per transaction, at start-up and then every {@link #EVERY}; with
 * SQLite that thread is the only writer, so pruning never competes with the inserts for the database lock.
 *
 * <p><b>By age</b>: events with a time older than {@code now - retention}. <b>By size</b> (SQLite only): when the
 * database's pages in use pass {@code max_size}, the oldest events until about 90 % of it (estimated from the
 * average row size, checked again after each round, at most {@link #SIZE_ROUNDS} rounds a run). Deleted rows'
 * pages stay in the file as free pages that new events reuse, so the file levels off instead of shrinking (see
 * {@code freeport ledger prune --vacuum}).
 *
 * <p><b>Many replicas</b> (PostgreSQL): each deletes under a transaction-scoped advisory lock; a replica that
 * finds another one deleting stops until its next run, so the work is done once and never deadlocks.
 */
final class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class.getName());
    static final int BATCH = 5000;
    static final Duration EVERY = Duration.ofHours(1);
    /** Size pruning aims this far under max_size, so that it does not run again for a handful of events. */
    static final double SIZE_TARGET = 0.9;
    static final int SIZE_ROUNDS = 4;

    private final LedgerStore store;
    private final Duration maxAge;
    private final long maxBytes;
    private final Clock clock;
    private final Duration every;

    /** Ledger thread only. */
    private long nextRunMillis;
    private Instant cutoff;
    private int rounds;
    private long deleted;

    /**
     * @param maxAge   events older than this go; null for none
     * @param maxBytes the database's size bound; 0 for none
     */
    Retention(LedgerStore store, Duration maxAge, long maxBytes, Clock clock, Duration every) {
        this.store = store;
        this.maxAge = maxAge;
        this.maxBytes = maxBytes;
        this.clock = clock;
        this.every = every;
        this.nextRunMillis = clock.millis();
    }

    /** The events older than this go now (null: none): the later of the age and the size cutoffs. */
    Instant cutoff(Instant now) throws SQLException {
        Instant byAge = maxAge == null ? null : now.minus(maxAge);
        Instant bySize = sizeCutoff(now);
        return byAge == null ? bySize : bySize == null || byAge.isAfter(bySize) ? byAge : bySize;
    }

    /** When the database is over max_size: the time before which the oldest events go to get under it. */
    private Instant sizeCutoff(Instant now) throws SQLException {
        if (maxBytes <= 0) {
            return null;
        }
        long used = store.usedBytes();
        long count = store.count();
        if (used <= maxBytes || count == 0) {
            return null;
        }
        double excess = used - maxBytes * SIZE_TARGET;
        long k = Math.max(1, (long) Math.ceil(count * excess / used));
        return k >= count ? now : store.timeAt(k).orElse(now);
    }

    /**
     * Ledger thread: when a run is due or under way, deletes one batch. Returns true when there is more to delete
     * right away (the caller moves the journal's events, then calls again without waiting).
     */
    boolean step() {
        try {
            if (cutoff == null) {
                if (clock.millis() < nextRunMillis) {
                    return false;
                }
                cutoff = cutoff(clock.instant());
                rounds = 1;
                deleted = 0;
                if (cutoff == null) {
                    finish();
                    return false;
                }
            }
            int n = store.deleteBefore(cutoff, BATCH);
            if (n < 0) {
                finish(); // another replica is deleting: it will get there
                return false;
            }
            deleted += n;
            if (n == BATCH) {
                return true;
            }
            Instant more = rounds < SIZE_ROUNDS ? sizeCutoff(clock.instant()) : null;
            if (more != null && more.isAfter(cutoff)) {
                cutoff = more;
                rounds++;
                return true;
            }
            finish();
            return false;
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "ledger retention failed; next try in " + every, e);
            finish();
            return false;
        }
    }

    private void finish() {
        if (deleted > 0) {
            LOG.info("ledger retention: deleted " + deleted + " events older than " + cutoff);
        }
        cutoff = null;
        deleted = 0;
        nextRunMillis = clock.millis() + every.toMillis();
    }
}
