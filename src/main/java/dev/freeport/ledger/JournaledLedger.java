package dev.freeport.ledger;

import dev.freeport.config.LedgerConfig;
import dev.freeport.config.StoreConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The ledger: a memory-mapped journal in front of a database: embedded SQLite ({@code freeport.db} in the data dir)
 * or, with {@code store.type: postgres}, a PostgreSQL shared by every replica (each replica keeps its own journal
 * in its own data dir, and is named there by a stable {@code replica-id}).
 *
 * <p><b>Write path.</b> {@link #record} serializes the event outside any lock, then under a short lock reserves
 * space in the active journal segment, copies the bytes and queues the event; it returns without a syscall (see
 * {@link Journal} for the one rare exception on rotation). A background thread ("freeport-ledger",
 * {@link LedgerMover}) moves queued events into {@code usage_events} in batches of {@code batchSize} at least every
 * {@code flushInterval}, with an idempotent insert keyed by event id ({@code INSERT OR IGNORE}; {@code ON CONFLICT DO
 * NOTHING} in PostgreSQL),
 * retires a segment once every event in it is committed, and prepares the next segment ahead of time from a retired
 * one (segment files are reused, never left mapped after deletion: see {@link JournalSegment}).
 *
 * <p><b>Retention.</b> The same thread deletes events past {@code ledger.retention} / {@code max_size} a batch at
 * a time between moves (see {@link Retention}).
 *
 * <p><b>Process death</b> ({@code kill -9}, OOM kill, crash) loses nothing: the journal lives in the kernel page
 * cache, and {@link #open} replays every segment still on disk ({@link JournalReplay}: a torn last record is
 * detected by length/CRC and skipped) before accepting new events. Replays are idempotent thanks to the id primary key.
 *
 * <p><b>Power loss or kernel crash</b> can lose what the kernel had not yet written back: journal pages are never
 * fsynced, so events of roughly the last dirty-writeback window (Linux default up to ~30 s) that were not already
 * in a durable database commit may be gone, and the last record written may be torn. Database commits use
 * synchronous=NORMAL (durable at the next checkpoint); before a segment file is deleted its events are made durable
 * by a commit with synchronous=FULL, so a deleted segment never takes events with it. With PostgreSQL every commit
 * is durable on the server when it returns, so a power loss of a replica loses only its own journal-only events
 * (not yet moved; at most about {@code flushInterval} of them while the database is reachable).
 */
public final class JournaledLedger implements Ledger {

    /**
     * 4 MiB: a steady run maps two or three segments, all of whose pages are resident (BENCHMARKS.md, "Memory"), and
     * a segment holds ~10,000 events, i.e. a rotation (one synchronous=FULL commit) about once a second at full load.
     */
    static final int DEFAULT_SEGMENT_BYTES = 4 * 1024 * 1024;

    /** What {@link #open} found in the journal left by the previous run. */
    public record ReplayStats(int segments, long events, long inserted, int tornRecords) {
    }

    private final FileChannel lockChannel;
    private final StoreOpener readerOpener;
    private final int batchSize;
    private final LedgerStore writer;
    private final Journal journal;
    private final ReplayStats replayStats;
    private final LedgerMover mover;
    private final Object readLock = new Object();

    private volatile boolean stopping;
    private LedgerStore reader;

    /** Opens a store for one more thread (SQLite) or returns the shared one (PostgreSQL pool). */
    @FunctionalInterface
    private interface StoreOpener {
        LedgerStore open() throws SQLException;
    }

    private JournaledLedger(LedgerConfig cfg, StoreConfig store, int segmentBytes, Duration pruneEvery,
                            FileChannel lockChannel) throws IOException, SQLException {
        Path dataDir = cfg.dataDir();
        this.lockChannel = lockChannel;
        this.batchSize = Math.max(1, cfg.batchSize());
        Duration interval = cfg.flushInterval() == null ? Duration.ofSeconds(1) : cfg.flushInterval();
        long flushIntervalNanos = Math.max(Duration.ofMillis(1).toNanos(), interval.toNanos());
        if (store.kind() == StoreConfig.Kind.POSTGRES) {
            PgLedgerStore pg = PgLedgerStore.open(store, ReplicaId.of(dataDir));
            this.writer = pg;
            this.readerOpener = () -> pg;
        } else {
            Path dbFile = dataDir.resolve("freeport.db");
            this.writer = LedgerDb.openWritable(dbFile);
            this.readerOpener = () -> LedgerDb.openWritable(dbFile);
        }
        try {
            Path journalDir = dataDir.resolve("journal");
            Files.createDirectories(journalDir);
            JournalReplay.Result replayed = JournalReplay.run(journalDir, writer, batchSize);
            this.replayStats = replayed.stats();
            this.journal = new Journal(journalDir, replayed.nextSegment(), segmentBytes, this::wakeMover);
            this.journal.ensureSpare();
            Retention retention = cfg.prunes()
                    ? new Retention(writer, cfg.retention(), cfg.maxSize(), Clock.systemUTC(), pruneEvery) : null;
            this.mover = new LedgerMover(journal, writer, retention, batchSize, flushIntervalNanos);
        } catch (IOException | SQLException | RuntimeException e) {
            writer.close();
            throw e;
        }
        Thread t = new Thread(mover, "freeport-ledger");
        t.setDaemon(true);
        mover.start(t);
    }

    /**
     * Opens the embedded ledger (journal and SQLite) in {@code cfg.dataDir()}, replaying any journal left by a
     * previous process first.
     */
    public static JournaledLedger open(LedgerConfig cfg) {
        return open(cfg, StoreConfig.EMBEDDED);
    }

    /**
     * Opens the ledger with its database where {@code store} says: SQLite in {@code cfg.dataDir()} (null or
     * {@code SQLITE}), or the shared PostgreSQL (migrated on open; fails if unreachable). The journal is always in
     * {@code cfg.dataDir()}, which one process at a time may open (two replicas on one machine need two data dirs);
     * it is replayed into the database before new events are accepted.
     */
    public static JournaledLedger open(LedgerConfig cfg, StoreConfig store) {
        return open(cfg, store, DEFAULT_SEGMENT_BYTES);
    }

    static JournaledLedger open(LedgerConfig cfg, int segmentBytes) {
        return open(cfg, StoreConfig.EMBEDDED, segmentBytes);
    }

    static JournaledLedger open(LedgerConfig cfg, StoreConfig store, int segmentBytes) {
        return open(cfg, store, segmentBytes, Retention.EVERY);
    }

    /** With retention runs every {@code pruneEvery} (the first at once) instead of hourly. */
    static JournaledLedger open(LedgerConfig cfg, StoreConfig store, int segmentBytes, Duration pruneEvery) {
        FileChannel lock = null;
        try {
            Files.createDirectories(cfg.dataDir());
            lock = DataDirLock.acquire(cfg.dataDir());
            return new JournaledLedger(cfg, store == null ? StoreConfig.EMBEDDED : store, segmentBytes, pruneEvery,
                    lock);
        } catch (IOException e) {
            DataDirLock.release(lock);
            throw new UncheckedIOException("cannot open ledger in " + cfg.dataDir(), e);
        } catch (SQLException e) {
            DataDirLock.release(lock);
            throw new IllegalStateException("cannot open ledger database in " + cfg.dataDir(), e);
        } catch (RuntimeException e) {
            DataDirLock.release(lock);
            throw e;
        }
    }

    /**
     * Journals the event; on return it survives the death of this process. Costs an encode into this thread's
     * buffer, a CRC and a memory copy from there into the mapped segment under a short lock; the only syscalls
     * possible are a futex wake of the background thread (never waits on disk) and, if a rotation finds no prepared
     * segment, a synchronous segment creation (see {@link Journal}). An event without id gets "noid-" + a random UUID.
     *
     * @throws IllegalStateException after {@link #close()}
     * @throws java.io.UncheckedIOException if a needed segment cannot be created (disk full)
     */
    @Override
    public void record(UsageEvent event) {
        UsageEvent e = event.id() != null ? event : withId(event, "noid-" + UUID.randomUUID());
        RecordOut out = EventCodec.write(e);
        long seq;
        try {
            seq = journal.append(out.bytes(), out.size(), out.crc32(), e);
        } finally {
            out.release();
        }
        if (seq % batchSize == 0) {
            mover.wake();
        }
    }

    /** A rotation: the ledger thread prepares the next spare segment. */
    private void wakeMover() {
        mover.wake();
    }

    private static UsageEvent withId(UsageEvent e, String id) {
        return e.toBuilder(id).build();
    }

    /** {@inheritDoc} With PostgreSQL: every replica's events that reached the shared database, plus all of ours. */
    @Override
    public List<UsageEvent> since(Instant since) {
        flush();
        return read(r -> r.since(since));
    }

    @Override
    public java.util.Optional<UsageEvent> byId(String id) {
        flush();
        return read(r -> r.byId(id));
    }

    @Override
    public List<ProviderTotals> totalsSince(Instant since) {
        return read(r -> r.totalsSince(since));
    }

    @Override
    public long spendOf(String subject, Instant since, Instant until) {
        return read(r -> r.spendOf(subject, since, until));
    }

    /** A query on the reader's connection (its own with SQLite, the pool with PostgreSQL). */
    private <T> T read(Query<T> q) {
        synchronized (readLock) {
            try {
                if (reader == null) {
                    reader = readerOpener.open();
                }
                return q.run(reader);
            } catch (SQLException e) {
                throw new IllegalStateException("ledger query failed", e);
            }
        }
    }

    @FunctionalInterface
    private interface Query<T> {
        T run(LedgerStore store) throws SQLException;
    }

    @Override
    public void flush() {
        mover.flushThrough(journal.lastSeq());
    }

    @Override
    public long pendingEvents() {
        return Math.max(0, journal.lastSeq() - mover.committedSeq());
    }

    @Override
    public long lagMillis() {
        return pendingEvents() == 0 ? 0 : (System.nanoTime() - mover.caughtUpNanos()) / 1_000_000;
    }

    /** The database side (tests: counts, segment marks). */
    LedgerStore store() {
        return writer;
    }

    /** Journal replay results of {@link #open}. */
    public ReplayStats replayStats() {
        return replayStats;
    }

    /** Times a rotation found no prepared segment and created one on the recording thread. */
    public long syncSegmentAllocations() {
        return journal.syncAllocations();
    }

    /** The last error of the background thread (database unavailable, disk full...), or null. */
    public Exception lastError() {
        return mover.lastError();
    }

    /** Insert transactions the ledger thread committed (benchmarks). */
    long insertTransactions() {
        return mover.transactions();
    }

    @Override
    public void close() {
        if (stopping) {
            return;
        }
        journal.close();
        stopping = true;
        mover.stop();
        synchronized (readLock) {
            if (reader != null && reader != writer) {
                reader.close();
            }
        }
        writer.close();
        DataDirLock.release(lockChannel);
    }
}
