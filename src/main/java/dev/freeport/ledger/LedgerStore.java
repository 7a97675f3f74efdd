package dev.freeport.ledger;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where the journal's events end up: {@code usage_events} in embedded SQLite ({@link LedgerDb}) or in a PostgreSQL
 * shared by every replica ({@link PgLedgerStore}). Inserts are idempotent by event id, so a journal replayed twice,
 * or by another replica with overlapping events, leaves one row per id.
 */
interface LedgerStore extends AutoCloseable {

    /** A journal segment whose events are all committed, recorded just before its file is deleted. */
    record SegmentDone(long segment, long events) {
    }

    /** Inserts the events in one transaction; events whose id is already present are skipped. Returns rows added. */
    int insert(List<UsageEvent> events) throws SQLException;

    /**
     * Records that these journal segments are about to be deleted; on return every earlier insert is durable, so
     * deleting the files cannot lose events.
     */
    void markSegmentsDone(List<SegmentDone> segments) throws SQLException;

    /** Streams events with time >= since, oldest first (ties by id). */
    void forEachSince(Instant since, Consumer<UsageEvent> sink) throws SQLException;

    /** Events with time >= since, oldest first. */
    default List<UsageEvent> since(Instant since) throws SQLException {
        List<UsageEvent> out = new ArrayList<>();
        forEachSince(since, out::add);
        return out;
    }

    /** Per provider, the served requests (ok, cut) with time >= since: one aggregate query. */
    List<ProviderTotals> totalsSince(Instant since) throws SQLException;

    /** What a budget subject spent in [since, until) ({@link SpendSince}: one indexed range query). */
    long spendOf(String subject, Instant since, Instant until) throws SQLException;

    /** The event with this id (the primary key: one indexed lookup), if the store has it. */
    Optional<UsageEvent> byId(String id) throws SQLException;

    /** The events with time < cutoff: count, time range, cost. */
    PrunedEvents before(Instant cutoff) throws SQLException;

    /**
     * Deletes the oldest {@code limit} events with time < cutoff in one transaction, and once none are left the
     * journal-segment marks older than the cutoff; returns how many events went, or -1 when another replica is
     * deleting a batch at this moment (PostgreSQL: replicas take turns, so concurrent pruning never deadlocks).
     */
    int deleteBefore(Instant cutoff, int limit) throws SQLException;

    /** The time of the event at {@code offset} in time order (0 is the oldest), if there are that many. */
    Optional<Instant> timeAt(long offset) throws SQLException;

    /** Bytes the database's pages in use take (SQLite), or -1 when the store cannot tell (PostgreSQL). */
    long usedBytes() throws SQLException;

    /** Whether usage_events exists (a reader may find a database nobody migrated yet). */
    boolean hasSchema() throws SQLException;

    /** Rows in usage_events. */
    long count() throws SQLException;

    /** Whether one instance may serve the mover and readers at once (a pool), or each thread needs its own. */
    boolean threadSafe();

    @Override
    void close();
}
