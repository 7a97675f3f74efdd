package dev.freeport.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * @param dataDir       holds freeport.db (SQLite, WAL) and the journal/ directory
 * @param batchSize     events per database transaction
 * @param flushInterval longest an event waits in the journal before it is moved to the database
 * @param retention     events older than this are deleted (hourly, off the request path); null keeps them forever
 * @param maxSize       bytes the SQLite database may hold before its oldest events are deleted; 0 for no bound
 */
public record LedgerConfig(Path dataDir, int batchSize, Duration flushInterval, Duration retention, long maxSize) {

    /**
     * What a config file gets when it says nothing: a quarter of history. Enough for monthly invoices and budgets,
     * the 30-day audit and quarter-over-quarter comparisons; long enough that nobody loses last month's numbers,
     * short enough to bound the database (about 400 bytes an event: 90 days at 10 requests/s is about 30 GB).
     */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(90);

    /** A ledger that keeps every event (no retention, no size bound): what code gets that builds one by hand. */
    public LedgerConfig(Path dataDir, int batchSize, Duration flushInterval) {
        this(dataDir, batchSize, flushInterval, null, 0);
    }

    /** Whether anything is ever deleted. */
    public boolean prunes() {
        return retention != null || maxSize > 0;
    }
}
