package dev.freeport.ledger;

import com.zaxxer.hikari.HikariDataSource;
import dev.freeport.config.StoreConfig;
import dev.freeport.store.Migrations;
import dev.freeport.store.Pools;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The shared {@link LedgerStore}: usage_events in PostgreSQL, one database for every replica. Inserts are
 * {@link RowInserts}' multi-row {@code INSERT ... ON CONFLICT (id) DO NOTHING} statements (one round trip per set bit
 * of the batch's size, the count of rows really added in each answer; the driver prepares each shape once per
 * connection), so replays by any replica are idempotent; finished journal segments
 * are recorded per replica, keyed (replica, segment). Commits are durable when they return (PostgreSQL's default
 * synchronous_commit), so a segment may be deleted right after its events' commit. Thread-safe: a small HikariCP
 * pool serves the mover thread and readers.
 */
final class PgLedgerStore implements LedgerStore {

    private static final String MARK = "INSERT INTO journal_segments_done (replica, segment, events, done_at_ms) "
            + "VALUES (?, ?, ?, ?) ON CONFLICT (replica, segment) DO UPDATE SET events = EXCLUDED.events, "
            + "done_at_ms = EXCLUDED.done_at_ms";
    /** Replicas delete old events one batch at a time (an advisory lock key next to the migrations'). */
    static final long PRUNE_LOCK = LedgerSchema.PG_MIGRATION_LOCK + 1;
    /** Rows fetched per round trip when streaming a since() query. */
    private static final int FETCH = 1000;

    private final HikariDataSource pool;
    private final String replicaId;
    /** The routing plans stored once, kept across batches (each batch takes a connection of the pool). */
    private final RoutePlans plans = new RoutePlans(RowInserts.Dialect.POSTGRES);

    private PgLedgerStore(HikariDataSource pool, String replicaId) {
        this.pool = pool;
        this.replicaId = replicaId;
    }

    /**
     * Connects (at most {@code min(pool_size, 2)} connections: the mover and one reader) and applies pending
     * migrations. {@code replicaId} names this process's journal in journal_segments_done.
     */
    static PgLedgerStore open(StoreConfig store, String replicaId) throws SQLException {
        PgLedgerStore s = new PgLedgerStore(pool(store, Math.min(2, store.poolSize()), "freeport-ledger"), replicaId);
        try (Connection c = s.pool.getConnection()) {
            LedgerSchema.migrate(c, Migrations.Dialect.POSTGRES);
        } catch (SQLException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** Connects for reading only (one connection, no migration): what {@code freeport usage} uses. */
    static PgLedgerStore openReader(StoreConfig store) {
        return new PgLedgerStore(pool(store, 1, "freeport-usage"), null);
    }

    private static HikariDataSource pool(StoreConfig store, int size, String name) {
        return Pools.postgres(store, size, name);
    }

    @Override
    public int insert(List<UsageEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return 0;
        }
        synchronized (plans) { // the plans interned by an uncommitted transaction are not another's to use
            return insert(events, plans);
        }
    }

    private int insert(List<UsageEvent> events, RoutePlans plans) throws SQLException {
        try (Connection c = pool.getConnection();
             RowInserts inserts = new RowInserts(c, RowInserts.Dialect.POSTGRES, plans)) {
            c.setAutoCommit(false);
            try {
                int inserted = inserts.insert(events);
                c.commit();
                inserts.committed();
                return inserted;
            } catch (SQLException | RuntimeException e) {
                inserts.rolledBack();
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    @Override
    public void markSegmentsDone(List<SegmentDone> segments) throws SQLException {
        if (replicaId == null) {
            throw new IllegalStateException("a read-only ledger store records no segments");
        }
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(MARK)) {
            c.setAutoCommit(false);
            try {
                for (SegmentDone s : segments) {
                    ps.setString(1, replicaId);
                    ps.setLong(2, s.segment());
                    ps.setLong(3, s.events());
                    ps.setLong(4, System.currentTimeMillis());
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    @Override
    public void forEachSince(Instant since, Consumer<UsageEvent> sink) throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false); // lets the driver stream with a cursor instead of loading every row
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + EventRows.READ_COLUMNS + " FROM " + RoutePlans.EVENTS + " WHERE time_ms >= ? "
                            + "ORDER BY time_ms, id COLLATE \"C\"")) { // byte order, as SQLite
                ps.setFetchSize(FETCH);
                ps.setLong(1, since.toEpochMilli());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(EventRows.read(rs));
                    }
                }
                c.commit();
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    @Override
    public List<ProviderTotals> totalsSince(Instant since) throws SQLException {
        try (Connection c = pool.getConnection()) {
            return ProviderTotals.query(c, since);
        }
    }

    @Override
    public long spendOf(String subject, Instant since, Instant until) throws SQLException {
        try (Connection c = pool.getConnection()) {
            return SpendSince.query(c, subject, since, until);
        }
    }

    @Override
    public Optional<UsageEvent> byId(String id) throws SQLException {
        try (Connection c = pool.getConnection()) {
            return EventRows.byId(c, id);
        }
    }

    @Override
    public PrunedEvents before(Instant cutoff) throws SQLException {
        try (Connection c = pool.getConnection()) {
            return PrunedEvents.before(c, cutoff);
        }
    }

    /**
     * One batch under a transaction-scoped advisory lock: when another replica holds it (it is deleting a batch),
     * returns -1 at once instead of waiting on the same rows, which two concurrent deletes would lock in different
     * orders (a deadlock).
     */
    @Override
    public int deleteBefore(Instant cutoff, int limit) throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT pg_try_advisory_xact_lock(" + PRUNE_LOCK + ")")) {
                    if (!rs.next() || !rs.getBoolean(1)) {
                        c.rollback();
                        return -1;
                    }
                }
                int n = PrunedEvents.delete(c, cutoff, limit);
                if (n < limit) {
                    PrunedEvents.deleteSegmentMarks(c, cutoff);
                }
                c.commit();
                return n;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    @Override
    public Optional<Instant> timeAt(long offset) throws SQLException {
        try (Connection c = pool.getConnection()) {
            return PrunedEvents.timeAt(c, offset);
        }
    }

    /** PostgreSQL keeps deleted rows' space in the table until vacuum: its size says nothing about the rows. */
    @Override
    public long usedBytes() {
        return -1;
    }

    @Override
    public boolean hasSchema() throws SQLException {
        try (Connection c = pool.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regclass('usage_events') IS NOT NULL")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    @Override
    public long count() throws SQLException {
        try (Connection c = pool.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM usage_events")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** Segments this replica recorded as done (tests and diagnostics). */
    long segmentsDone() throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM journal_segments_done WHERE replica = ?")) {
            ps.setString(1, replicaId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    @Override
    public boolean threadSafe() {
        return true;
    }

    @Override
    public void close() {
        pool.close();
    }
}
