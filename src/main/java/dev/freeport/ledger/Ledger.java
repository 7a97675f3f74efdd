package dev.freeport.ledger;

import java.time.Instant;
import java.util.List;

/**
 * The durable usage ledger. {@link #record} returns once the event is safe from process death (in the journal);
 * events move to the database in batches on a background thread.
 */
public interface Ledger extends AutoCloseable {

    /**
     * Appends the event to the journal. Safe to call from any thread, including event loops: it never does a
     * syscall that may block on disk (see the implementation for how).
     */
    void record(UsageEvent event);

    /** Events with time >= since, oldest first; reads the database after flushing what the journal holds. */
    List<UsageEvent> since(Instant since);

    /**
     * Per provider, the served requests with time >= since that reached the database (with PostgreSQL: every
     * replica's), without flushing this process's journal first. Blocking (not for event loops).
     */
    default List<ProviderTotals> totalsSince(Instant since) {
        java.util.Map<String, long[]> m = new java.util.LinkedHashMap<>();
        for (UsageEvent e : since(since)) {
            if (e.provider() != null && (e.status() == UsageEvent.Status.OK || e.status() == UsageEvent.Status.CUT)) {
                long[] t = m.computeIfAbsent(e.provider(), k -> new long[3]);
                t[0]++;
                t[1] += e.costNanos();
                t[2] += e.inputTokens() + e.outputTokens();
            }
        }
        return m.entrySet().stream().map(x -> new ProviderTotals(x.getKey(), x.getValue()[0], x.getValue()[1],
                x.getValue()[2])).toList();
    }

    /**
     * Nano-dollars a budget subject ("key:ID" or "team:NAME") spent with since <= time < until, from what reached
     * the database (with PostgreSQL: every replica's) without flushing this process's journal: one indexed range
     * query. Blocking (not for event loops).
     */
    default long spendOf(String subject, Instant since, Instant until) {
        return SpendSince.of(since(since), subject, until);
    }

    /** The event with this id, after flushing what the journal holds (blocking; not for event loops). */
    default java.util.Optional<UsageEvent> byId(String id) {
        return since(Instant.EPOCH).stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** Events journaled but not yet in the database (for the ledger-lag metric); 0 when unknown. */
    default long pendingEvents() {
        return 0;
    }

    /**
     * How long the database has been behind the journal: 0 when it holds every journaled event, else the time since
     * it last did (grows while the database is unreachable). Cheap, non-blocking.
     */
    default long lagMillis() {
        return 0;
    }

    /** Moves everything journaled so far into the database (blocking; not for event loops). */
    void flush();

    @Override
    void close();
}
