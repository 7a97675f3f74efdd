package dev.freeport.vendors;

import com.zaxxer.hikari.HikariDataSource;
import dev.freeport.config.FreeportConfig;
import dev.freeport.config.StoreConfig;
import dev.freeport.store.Migrations;
import dev.freeport.store.Pools;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Durable vendor switches, in the same database as keys and teams: {@code access.db} in the ledger's data dir
 * (embedded SQLite), or the shared PostgreSQL of {@code store:}, so a switch written by any replica or by the CLI
 * reaches every replica. Its own tables, created idempotently ({@code vendor_switches} and the one-row change
 * counter {@code vendor_switch_clock}). Every write bumps the counter inside its transaction (a row lock on
 * PostgreSQL, the single writer lock on SQLite), so versions are unique, handed out in commit order, and
 * {@link #changesSince} never misses a write of a concurrent replica. Blocking JDBC: keep it off event loops.
 */
public final class VendorSwitchStore implements AutoCloseable {
    private static final long MIGRATION_LOCK = 4242_017L;
    private static final String COLS = "vendor, disabled, reason, changed_by, changed_at_ms, version";

    private final HikariDataSource pool;
    private final Clock clock;

    private VendorSwitchStore(HikariDataSource pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /** The embedded store: {@code access.db} (WAL) in {@code dataDir}, next to the keys and teams. */
    public static VendorSwitchStore sqlite(Path dataDir) {
        return migrated(new VendorSwitchStore(Pools.sqlite(dataDir, "access.db", "freeport-vendors-sqlite"),
                Clock.systemUTC()), false);
    }

    /** The shared PostgreSQL store of {@code cfg} (a small pool: a poll every 250 ms and rare writes). */
    public static VendorSwitchStore postgres(StoreConfig cfg) {
        return migrated(new VendorSwitchStore(Pools.postgres(cfg, 2, "freeport-vendors-pg"), Clock.systemUTC()),
                true);
    }

    /** As keys and teams: PostgreSQL when {@code store.kind} is postgres, else SQLite in {@code dataDir}. */
    public static VendorSwitchStore open(StoreConfig store, Path dataDir) {
        return store.kind() == StoreConfig.Kind.POSTGRES ? postgres(store) : sqlite(dataDir);
    }

    /** The store the config names (its {@code store:} section and {@code ledger.data_dir}). */
    public static VendorSwitchStore open(FreeportConfig cfg) {
        return open(cfg.store(), cfg.ledger().dataDir());
    }

    /** The switches' tables; step 1 uses IF NOT EXISTS because stores made before the version table have them. */
    static final Migrations.Schema SCHEMA = new Migrations.Schema("vendor_switch_schema_version", MIGRATION_LOCK,
            List.of(Migrations.Step.both(1, "vendor switches and their change counter", List.of(
                    "CREATE TABLE IF NOT EXISTS vendor_switch_clock (id INTEGER NOT NULL PRIMARY KEY, "
                            + "version BIGINT NOT NULL)",
                    "INSERT INTO vendor_switch_clock (id, version) VALUES (1, 0) ON CONFLICT (id) DO NOTHING",
                    """
                    CREATE TABLE IF NOT EXISTS vendor_switches (
                      vendor        TEXT    NOT NULL PRIMARY KEY,
                      disabled      INTEGER NOT NULL,
                      reason        TEXT,
                      changed_by    TEXT,
                      changed_at_ms BIGINT  NOT NULL,
                      version       BIGINT  NOT NULL
                    )""",
                    "CREATE INDEX IF NOT EXISTS vendor_switches_version ON vendor_switches (version)"))));

    private static VendorSwitchStore migrated(VendorSwitchStore store, boolean postgres) {
        try (Connection c = store.pool.getConnection(); Statement st = c.createStatement()) {
            if (!postgres) {
                st.executeQuery("PRAGMA journal_mode=WAL").close();
            }
            Migrations.apply(c, SCHEMA, postgres ? Migrations.Dialect.POSTGRES : Migrations.Dialect.SQLITE);
            return store;
        } catch (SQLException e) {
            store.pool.close();
            throw new IllegalStateException("vendor switch store set-up failed: " + e.getMessage(), e);
        }
    }

    /**
     * Turns {@code vendor} (already normalised, see {@link VendorNames}) off or on, recording why and who; returns
     * the stored switch with its new version. Writing the state it already has still records a new change.
     */
    public VendorSwitch set(String vendor, boolean disabled, String reason, String changedBy) {
        Instant now = Instant.ofEpochMilli(clock.millis());
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                long version = Pools.nextVersion(c, "vendor_switch_clock");
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO vendor_switches (" + COLS + ") VALUES "
                        + "(?,?,?,?,?,?) ON CONFLICT (vendor) DO UPDATE SET disabled = excluded.disabled, "
                        + "reason = excluded.reason, changed_by = excluded.changed_by, "
                        + "changed_at_ms = excluded.changed_at_ms, version = excluded.version")) {
                    ps.setString(1, vendor);
                    ps.setInt(2, disabled ? 1 : 0);
                    ps.setString(3, reason);
                    ps.setString(4, changedBy);
                    ps.setLong(5, now.toEpochMilli());
                    ps.setLong(6, version);
                    ps.executeUpdate();
                }
                c.commit();
                return new VendorSwitch(vendor, disabled, reason, changedBy, now, version);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("vendor switch write failed: " + e.getMessage(), e);
        }
    }

    /** Every switch ever written (enabled ones too, with who enabled them), by vendor name. */
    public List<VendorSwitch> all() {
        return query("SELECT " + COLS + " FROM vendor_switches ORDER BY vendor", -1);
    }

    /** Switches written after {@code version}, oldest first. */
    public List<VendorSwitch> changesSince(long version) {
        return query("SELECT " + COLS + " FROM vendor_switches WHERE version > ? ORDER BY version", version);
    }

    private List<VendorSwitch> query(String sql, long after) {
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (after >= 0) {
                ps.setLong(1, after);
            }
            List<VendorSwitch> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new VendorSwitch(rs.getString(1), rs.getInt(2) != 0, rs.getString(3), rs.getString(4),
                            Instant.ofEpochMilli(rs.getLong(5)), rs.getLong(6)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("vendor switch read failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
