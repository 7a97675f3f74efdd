package dev.freeport.ledger;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The SQLite side of the ledger (freeport.db, WAL, synchronous=NORMAL). One instance per connection; not
 * thread-safe, each thread that needs the database uses its own.
 */
final class LedgerDb implements AutoCloseable {

    static final String COLUMNS = "id, time_ms, caller, endpoint, alias, provider, upstream_model, attempts, status, "
            + "http_status, error_kind, error_message, stream, input_tokens, output_tokens, cached_input_tokens, "
            + "cache_creation_tokens, reasoning_tokens, estimated, cost_nanos, latency_ms, ttft_ms, "
            + "front, team, tags, prompt_hash, prefix_hash, prefix_tokens, conversation_key, message_count, "
            + "max_tokens, finish_reason, tools, decision";
    private static final String INSERT = "INSERT OR IGNORE INTO usage_events (" + COLUMNS
            + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

    private final Connection conn;

    private LedgerDb(Connection conn) {
        this.conn = conn;
    }

    /** Opens (creating and migrating if needed) the database for writing. */
    static LedgerDb openWritable(Path file) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout=10000");
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
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), cfg.toProperties());
        return new LedgerDb(c);
    }

    /** Inserts the events in one transaction; events whose id is already present are skipped. */
    int insert(List<UsageEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return 0;
        }
        conn.setAutoCommit(false);
        try (PreparedStatement ps = conn.prepareStatement(INSERT)) {
            for (UsageEvent e : events) {
                bind(ps, e);
                ps.addBatch();
            }
            int inserted = 0;
            for (int n : ps.executeBatch()) {
                inserted += Math.max(n, 0);
            }
            conn.commit();
            return inserted;
        } catch (SQLException e) {
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
    void markSegmentsDone(List<long[]> segmentAndEvents) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("PRAGMA synchronous=FULL");
            conn.setAutoCommit(false);
            try (PreparedStatement ps = conn.prepareStatement(
                    "INSERT OR REPLACE INTO journal_segments_done VALUES (?, ?, ?)")) {
                for (long[] s : segmentAndEvents) {
                    ps.setLong(1, s[0]);
                    ps.setLong(2, s[1]);
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

    /** Events with time >= since, oldest first. */
    List<UsageEvent> since(Instant since) throws SQLException {
        List<UsageEvent> out = new ArrayList<>();
        forEachSince(since, out::add);
        return out;
    }

    /** Streams events with time >= since, oldest first (ties by id). */
    void forEachSince(Instant since, Consumer<UsageEvent> sink) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT " + COLUMNS + " FROM usage_events WHERE time_ms >= ? ORDER BY time_ms, id")) {
            ps.setLong(1, since.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(read(rs));
                }
            }
        }
    }

    /** Whether the usage_events table exists (a database created by a gateway that never migrated has none). */
    boolean hasSchema() throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='usage_events'")) {
            return rs.next();
        }
    }

    long count() throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM usage_events")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static void bind(PreparedStatement ps, UsageEvent e) throws SQLException {
        ps.setString(1, e.id());
        ps.setLong(2, e.time() == null ? 0 : e.time().toEpochMilli());
        ps.setString(3, e.caller());
        ps.setString(4, e.endpoint());
        ps.setString(5, e.alias());
        ps.setString(6, e.provider());
        ps.setString(7, e.upstreamModel());
        ps.setInt(8, e.attempts());
        ps.setString(9, e.status() == null ? UsageEvent.Status.FAILED.name() : e.status().name());
        ps.setInt(10, e.httpStatus());
        ps.setString(11, e.errorKind());
        ps.setString(12, e.errorMessage());
        ps.setInt(13, e.stream() ? 1 : 0);
        ps.setLong(14, e.inputTokens());
        ps.setLong(15, e.outputTokens());
        ps.setLong(16, e.cachedInputTokens());
        ps.setLong(17, e.cacheCreationTokens());
        ps.setLong(18, e.reasoningTokens());
        ps.setInt(19, e.estimated() ? 1 : 0);
        ps.setLong(20, e.costNanos());
        ps.setLong(21, e.latencyMillis());
        if (e.ttftMillis() == null) {
            ps.setNull(22, Types.INTEGER);
        } else {
            ps.setLong(22, e.ttftMillis());
        }
        RequestFacts f = e.facts();
        ps.setString(23, f.front());
        ps.setString(24, f.team());
        ps.setString(25, f.tags());
        ps.setString(26, f.promptHash());
        ps.setString(27, f.prefixHash());
        ps.setLong(28, f.prefixTokens());
        ps.setString(29, f.conversationKey());
        ps.setInt(30, f.messageCount());
        if (f.maxTokens() == null) {
            ps.setNull(31, Types.INTEGER);
        } else {
            ps.setInt(31, f.maxTokens());
        }
        ps.setString(32, f.finishReason());
        ps.setInt(33, f.tools() ? 1 : 0);
        ps.setString(34, f.decision());
    }

    private static UsageEvent read(ResultSet rs) throws SQLException {
        long ttft = rs.getLong(22);
        Long ttftOrNull = rs.wasNull() ? null : ttft;
        int maxTokens = rs.getInt(31);
        Integer maxTokensOrNull = rs.wasNull() ? null : maxTokens;
        RequestFacts facts = new RequestFacts(rs.getString(23), rs.getString(24), rs.getString(25),
                rs.getString(26), rs.getString(27), rs.getLong(28), rs.getString(29), rs.getInt(30),
                maxTokensOrNull, rs.getString(32), rs.getInt(33) != 0, rs.getString(34));
        return new UsageEvent(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getInt(8),
                UsageEvent.Status.valueOf(rs.getString(9)), rs.getInt(10), rs.getString(11), rs.getString(12),
                rs.getInt(13) != 0, rs.getLong(14), rs.getLong(15), rs.getLong(16), rs.getLong(17), rs.getLong(18),
                rs.getInt(19) != 0, rs.getLong(20), rs.getLong(21), ttftOrNull, facts);
    }

    @Override
    public void close() {
        try {
            conn.close();
        } catch (SQLException ignored) {
            // closing; nothing useful to do
        }
    }
}
