package dev.freeport.ledger;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The embedded {@link LedgerStore}: SQLite (freeport.db in the data dir, WAL, synchronous=NORMAL, 16 KiB pages when
 * it creates the file). One instance per connection; not thread-safe, each thread that needs the database uses its
 * own.
 */
final class LedgerDb implements LedgerStore {

    /**
     * The page size of a database this class creates. A ledger row is ~420 bytes (a third of it the routing
     * decision): 16 KiB pages hold ~38 rows instead of 9, so a batch's commit writes a quarter of the WAL frames
     * (each a header, a checksum and a write) and its checkpoint copies as many fewer pages back; measured by
     * {@code LedgerInsertBench}, BENCHMARKS.md. An existing file keeps its page size (changing it takes a full
     * rewrite outside WAL mode).
     */
    static final int PAGE_BYTES = 16 * 1024;

    static final String SINCE = "SELECT " + EventRows.READ_COLUMNS + " FROM " + RoutePlans.EVENTS + " WHERE time_ms >= ? "
            + "ORDER BY time_ms, id";

    private final Connection conn;
    /** The multi-row INSERTs, prepared on first use and kept (writer connection only). */
    private final RowInserts inserts;

    private LedgerDb(Connection conn) {
        this.conn = conn;
        this.inserts = new RowInserts(conn, RowInserts.Dialect.SQLITE);
    }

    /** Opens (creating and migrating if needed) the database for writing. */
    static LedgerDb openWritable(Path file) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(),
                noGeneratedKeys(oneThreadAtATime(new org.sqlite.SQLiteConfig())).toProperties());
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout=10000");
            st.execute("PRAGMA page_size=" + PAGE_BYTES); // a no-op unless the file is new (before WAL and tables)
            st.execute("PRAGMA journal_mode=WAL");
            st.execute("PRAGMA synchronous=NORMAL");
        }
        LedgerSchema.migrate(c);
        return new LedgerDb(c);
    }

    /** Opens an existing database read-only (a WAL reader: works while a gateway writes it). */
    static LedgerDb openReadOnly(Path file) throws SQLException {
        org.sqlite.SQLiteConfig cfg = new org.sqlite.SQLiteConfig();
        cfg.setReadOnly(true);
        cfg.setBusyTimeout(10000);
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(),
                oneThreadAtATime(cfg).toProperties());
        return new LedgerDb(c);
    }

    /**
     * SQLite's multi-thread mode for this connection ({@code SQLITE_OPEN_NOMUTEX}): no connection mutex taken and
     * released by every native call (each bound value, each step), about a tenth of the ledger thread's CPU per row
     * (BENCHMARKS.md, "Sixth pass, ledger6"). Safe because a connection is never used by two threads at once: a
     * {@code LedgerDb} is confined to one thread (the writer to the ledger thread, the reader behind
     * {@code JournaledLedger}'s read lock), and sqlite-jdbc itself serializes every native call on a connection.
     */
    private static org.sqlite.SQLiteConfig oneThreadAtATime(org.sqlite.SQLiteConfig cfg) {
        cfg.setOpenMode(org.sqlite.SQLiteOpenMode.NOMUTEX);
        return cfg;
    }

    /**
     * No generated keys: with them on (sqlite-jdbc's default) every INSERT's {@code executeUpdate} also prepares, runs
     * and later finalizes a {@code SELECT last_insert_rowid()} for {@code getGeneratedKeys}, which the ledger never
     * calls (its rows are keyed by the event id) - a second statement for each of a batch's multi-row INSERTs.
     */
    private static org.sqlite.SQLiteConfig noGeneratedKeys(org.sqlite.SQLiteConfig cfg) {
        cfg.setGetGeneratedKeys(false);
        return cfg;
    }

    /** One transaction of {@link RowInserts}' multi-row {@code INSERT OR IGNORE} statements. */
    @Override
    public int insert(List<UsageEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return 0;
        }
        conn.setAutoCommit(false);
        try {
            int inserted = inserts.insert(events);
            conn.commit();
            inserts.committed();
            return inserted;
        } catch (SQLException | RuntimeException e) {
            inserts.rolledBack();
            conn.rollback();
            throw e;
        } finally {
            conn.setAutoCommit(true);
        }
    }

    /**
     * Records that journal segments are about to be deleted, in a transaction committed with synchronous=FULL: the
     * WAL fsync this forces makes every earlier commit durable before the segment files go away.
     */
    @Override
    public void markSegmentsDone(List<SegmentDone> segments) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("PRAGMA synchronous=FULL");
            conn.setAutoCommit(false);
            try (PreparedStatement ps = conn.prepareStatement(
                    "INSERT OR REPLACE INTO journal_segments_done VALUES (?, ?, ?)")) {
                for (SegmentDone s : segments) {
                    ps.setLong(1, s.segment());
                    ps.setLong(2, s.events());
                    ps.setLong(3, System.currentTimeMillis());
                    ps.addBatch();
                }
                ps.executeBatch();
                conn.commit();
            } catch (SQLException e) {
                conn.rollback();
                throw e;
            } finally {
                conn.setAutoCommit(true);
                st.execute("PRAGMA synchronous=NORMAL");
            }
        }
    }

    @Override
    public void forEachSince(Instant since, Consumer<UsageEvent> sink) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(SINCE)) {
            ps.setLong(1, since.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(EventRows.read(rs));
                }
            }
        }
    }

    @Override
    public List<ProviderTotals> totalsSince(Instant since) throws SQLException {
        return ProviderTotals.query(conn, since);
    }

    @Override
    public long spendOf(String subject, Instant since, Instant until) throws SQLException {
        return SpendSince.query(conn, subject, since, until);
    }

    @Override
    public Optional<UsageEvent> byId(String id) throws SQLException {
        return EventRows.byId(conn, id);
    }

    @Override
    public PrunedEvents before(Instant cutoff) throws SQLException {
        return PrunedEvents.before(conn, cutoff);
    }

    @Override
    public int deleteBefore(Instant cutoff, int limit) throws SQLException {
        conn.setAutoCommit(false); // the events and their kept spend go together
        try {
            int n = PrunedEvents.delete(conn, cutoff, limit);
            if (n < limit) {
                PrunedEvents.deleteSegmentMarks(conn, cutoff);
            }
            conn.commit();
            return n;
        } catch (SQLException e) {
            conn.rollback();
            throw e;
        } finally {
            conn.setAutoCommit(true);
        }
    }

    @Override
    public Optional<Instant> timeAt(long offset) throws SQLException {
        return PrunedEvents.timeAt(conn, offset);
    }

    /** (page_count - freelist_count) * page_size: deleted rows' pages are free (reused, not given back). */
    @Override
    public long usedBytes() throws SQLException {
        return (pragma("page_count") - pragma("freelist_count")) * pragma("page_size");
    }

    /** Whether sqlite-jdbc runs its generated-keys query after each INSERT on this connection (tests). */
    boolean generatedKeys() throws SQLException {
        return conn.unwrap(org.sqlite.SQLiteConnection.class).getConnectionConfig().isGetGeneratedKeys();
    }

    /** The database file's size: used pages and free ones. */
    long fileBytes() throws SQLException {
        return pragma("page_count") * pragma("page_size");
    }

    /** Rewrites the database without its free pages, giving them back to the file system. */
    void vacuum() throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("VACUUM");
        }
    }

    private long pragma(String name) throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("PRAGMA " + name)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    @Override
    public boolean hasSchema() throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='usage_events'")) {
            return rs.next();
        }
    }

    @Override
    public long count() throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM usage_events")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    @Override
    public boolean threadSafe() {
        return false;
    }

    @Override
    public void close() {
        try {
            inserts.close();
            conn.close();
        } catch (SQLException ignored) {
            // closing; nothing useful to do
        }
    }
}
