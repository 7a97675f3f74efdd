package dev.freeport.adminlog;

import com.zaxxer.hikari.HikariDataSource;
import dev.freeport.config.StoreConfig;
import dev.freeport.module.AdminAction;
import dev.freeport.store.Migrations;
import dev.freeport.store.Pools;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The admin audit log's table, {@code admin_log}, append-only: in {@code access.db} next to keys and teams
 * (embedded SQLite) or in the shared PostgreSQL of {@code store:}, so every replica writes to and reads one log.
 * Blocking JDBC: keep it off event loops.
 */
public final class AdminLogStore implements AutoCloseable {
    private static final long MIGRATION_LOCK = 4242_031L;
    private static final String COLS = "time_ms, who, origin, method, path, status, before_json, after_json, error";
    /** what one entry keeps of a before/after state or a message at most (an admin body is at most 64 KiB) */
    static final int MAX_TEXT = 64 * 1024;

    static final Migrations.Schema SCHEMA = new Migrations.Schema("admin_log_schema_version", MIGRATION_LOCK,
            List.of(Migrations.Step.both(1, "the admin audit log", List.of("""
                    CREATE TABLE admin_log (
                      id          TEXT    NOT NULL PRIMARY KEY,
                      time_ms     BIGINT  NOT NULL,
                      who         TEXT    NOT NULL,
                      origin      TEXT,
                      method      TEXT    NOT NULL,
                      path        TEXT    NOT NULL,
                      status      INTEGER NOT NULL,
                      before_json TEXT,
                      after_json  TEXT,
                      error       TEXT
                    )""", "CREATE INDEX admin_log_time ON admin_log (time_ms)"))));

    private final HikariDataSource pool;

    private AdminLogStore(HikariDataSource pool) {
        this.pool = pool;
    }

    /** PostgreSQL when {@code store.kind} is postgres, else SQLite ({@code access.db}) in {@code dataDir}. */
    public static AdminLogStore open(StoreConfig store, Path dataDir) {
        boolean pg = store.kind() == StoreConfig.Kind.POSTGRES;
        AdminLogStore s = new AdminLogStore(pg ? Pools.postgres(store, 2, "freeport-adminlog-pg")
                : Pools.sqlite(dataDir, "access.db", "freeport-adminlog-sqlite"));
        try (Connection c = s.pool.getConnection(); Statement st = c.createStatement()) {
            if (!pg) {
                st.executeQuery("PRAGMA journal_mode=WAL").close();
            }
            Migrations.apply(c, SCHEMA, pg ? Migrations.Dialect.POSTGRES : Migrations.Dialect.SQLITE);
            return s;
        } catch (SQLException e) {
            s.pool.close();
            throw new IllegalStateException("admin log set-up failed: " + e.getMessage(), e);
        }
    }

    public void append(AdminAction a) {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO admin_log (id, " + COLS + ") VALUES (?,?,?,?,?,?,?,?,?,?)")) {
            ps.setString(1, UUID.randomUUID().toString());
            ps.setLong(2, a.timeMillis());
            ps.setString(3, cap(a.who()));
            ps.setString(4, cap(a.from()));
            ps.setString(5, cap(a.method()));
            ps.setString(6, cap(a.path()));
            ps.setInt(7, a.status());
            ps.setString(8, cap(a.before()));
            ps.setString(9, cap(a.after()));
            ps.setString(10, cap(a.error()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("admin log write failed: " + e.getMessage(), e);
        }
    }

    /** Entries since {@code sinceMillis}, newest first, at most {@code limit}. */
    public List<AdminAction> since(long sinceMillis, int limit) {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + COLS
                + " FROM admin_log WHERE time_ms >= ? ORDER BY time_ms DESC, id DESC LIMIT ?")) {
            ps.setLong(1, sinceMillis);
            ps.setInt(2, limit);
            List<AdminAction> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AdminAction(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getInt(6), rs.getString(7), rs.getString(8), rs.getString(9)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("admin log read failed: " + e.getMessage(), e);
        }
    }

    private static String cap(String s) {
        return s == null || s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT);
    }

    @Override
    public void close() {
        pool.close();
    }
}
