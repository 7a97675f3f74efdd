package dev.freeport.lab;

import com.zaxxer.hikari.HikariDataSource;
import dev.freeport.config.StoreConfig;
import dev.freeport.store.Migrations;
import dev.freeport.store.Pools;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Durable canaries (one row per alias, the last state), in the gateway's routing database like the kill switch:
 * {@code access.db} in the ledger's data dir (embedded SQLite), or the shared PostgreSQL of {@code store:}, so a
 * canary written through any replica's admin API reaches every replica. Every write takes the next value of the
 * one-row counter {@code canary_clock} inside its transaction, which serialises writers (a row lock on PostgreSQL,
 * SQLite's single writer) and hands versions out in commit order ({@link #changesSince} misses nothing). Blocking
 * JDBC: keep it off event loops.
 */
public final class CanaryStore implements AutoCloseable {
    private static final long MIGRATION_LOCK = 4242_131L;
    private static final String COLS = "alias, candidate, percent, status, max_delta_ppm, min_requests, window_ms,"
            + " reason, changed_by, changed_at_ms, started_at_ms, version";

    static final Migrations.Schema SCHEMA = new Migrations.Schema("canary_schema_version", MIGRATION_LOCK,
            List.of(Migrations.Step.both(1, "canaries and their change counter", List.of(
                    "CREATE TABLE canary_clock (id INTEGER NOT NULL PRIMARY KEY, version BIGINT NOT NULL)",
                    "INSERT INTO canary_clock (id, version) VALUES (1, 0) ON CONFLICT (id) DO NOTHING",
                    """
                    CREATE TABLE canaries (
                      alias         TEXT    NOT NULL PRIMARY KEY,
                      candidate     TEXT    NOT NULL,
                      percent       INTEGER NOT NULL,
                      status        TEXT    NOT NULL,
                      max_delta_ppm BIGINT  NOT NULL,
                      min_requests  INTEGER NOT NULL,
                      window_ms     BIGINT  NOT NULL,
                      reason        TEXT,
                      changed_by    TEXT,
                      changed_at_ms BIGINT  NOT NULL,
                      started_at_ms BIGINT  NOT NULL,
                      version       BIGINT  NOT NULL
                    )""",
                    "CREATE INDEX canaries_version ON canaries (version)"))));

    private final HikariDataSource pool;

    private CanaryStore(HikariDataSource pool) {
        this.pool = pool;
    }

    /** PostgreSQL when {@code store.kind} is postgres, else SQLite {@code access.db} in {@code dataDir}. */
    public static CanaryStore open(StoreConfig store, Path dataDir) {
        boolean pg = store.kind() == StoreConfig.Kind.POSTGRES;
        HikariDataSource pool = pg ? Pools.postgres(store, 2, "freeport-canary-pg")
                : Pools.sqlite(dataDir, "access.db", "freeport-canary-sqlite");
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            if (!pg) {
                st.executeQuery("PRAGMA journal_mode=WAL").close();
            }
            Migrations.apply(c, SCHEMA, pg ? Migrations.Dialect.POSTGRES : Migrations.Dialect.SQLITE);
            return new CanaryStore(pool);
        } catch (SQLException e) {
            pool.close();
            throw new IllegalStateException("canary store set-up failed: " + e.getMessage(), e);
        }
    }

    /**
     * Changes one alias's canary in one transaction: {@code change} gets the stored state (null: never had one) and
     * returns the new state (its version is assigned here), or null to change nothing; it may throw to refuse.
     * Returns the stored state after the call (the new one, or the unchanged one).
     */
    public CanaryState change(String alias, UnaryOperator<CanaryState> change) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                long version = Pools.nextVersion(c, "canary_clock");
                List<CanaryState> cur = read(c, "SELECT " + COLS + " FROM canaries WHERE alias = ?", alias);
                CanaryState before = cur.isEmpty() ? null : cur.getFirst();
                CanaryState next = change.apply(before);
                if (next == null) {
                    c.rollback();
                    return before;
                }
                CanaryState stored = new CanaryState(next.alias(), next.candidate(), next.percent(), next.status(),
                        next.maxErrorRateDelta(), next.minRequests(), next.window(), next.reason(), next.changedBy(),
                        next.changedAt(), next.startedAt(), version);
                write(c, stored);
                c.commit();
                return stored;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("canary write failed: " + e.getMessage(), e);
        }
    }

    private static void write(Connection c, CanaryState s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO canaries (" + COLS + ") VALUES "
                + "(?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (alias) DO UPDATE SET candidate = excluded.candidate, "
                + "percent = excluded.percent, status = excluded.status, max_delta_ppm = excluded.max_delta_ppm, "
                + "min_requests = excluded.min_requests, window_ms = excluded.window_ms, reason = excluded.reason, "
                + "changed_by = excluded.changed_by, changed_at_ms = excluded.changed_at_ms, "
                + "started_at_ms = excluded.started_at_ms, version = excluded.version")) {
            ps.setString(1, s.alias());
            ps.setString(2, s.candidate());
            ps.setInt(3, s.percent());
            ps.setString(4, s.status().label());
            ps.setLong(5, Math.round(s.maxErrorRateDelta() * 1_000_000));
            ps.setInt(6, s.minRequests());
            ps.setLong(7, s.window().toMillis());
            ps.setString(8, s.reason());
            ps.setString(9, s.changedBy());
            ps.setLong(10, s.changedAt().toEpochMilli());
            ps.setLong(11, s.startedAt().toEpochMilli());
            ps.setLong(12, s.version());
            ps.executeUpdate();
        }
    }

    /** Every alias's canary (running or not), by alias. */
    public List<CanaryState> all() {
        return query("SELECT " + COLS + " FROM canaries ORDER BY alias", null);
    }

    /** Canaries written after {@code version}, oldest first. */
    public List<CanaryState> changesSince(long version) {
        return query("SELECT " + COLS + " FROM canaries WHERE version > ? ORDER BY version", version);
    }

    private List<CanaryState> query(String sql, Long after) {
        try (Connection c = pool.getConnection()) {
            return read(c, sql, after);
        } catch (SQLException e) {
            throw new IllegalStateException("canary read failed: " + e.getMessage(), e);
        }
    }

    private static List<CanaryState> read(Connection c, String sql, Object param) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (param instanceof Long l) {
                ps.setLong(1, l);
            } else if (param instanceof String s) {
                ps.setString(1, s);
            }
            List<CanaryState> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new CanaryState(rs.getString(1), rs.getString(2), rs.getInt(3),
                            CanaryState.Status.of(rs.getString(4)), rs.getLong(5) / 1_000_000.0, rs.getInt(6),
                            Duration.ofMillis(rs.getLong(7)), rs.getString(8), rs.getString(9),
                            Instant.ofEpochMilli(rs.getLong(10)), Instant.ofEpochMilli(rs.getLong(11)),
                            rs.getLong(12)));
                }
            }
            return out;
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
