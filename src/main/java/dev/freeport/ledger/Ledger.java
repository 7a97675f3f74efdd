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

    /** Moves everything journaled so far into the database (blocking; not for event loops). */
    void flush();

    @Override
    void close();
}
