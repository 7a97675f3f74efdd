package dev.freeport.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The one versioned-schema runner of every store (ledger, keys and teams, vendor switches, responses): numbered
 * steps applied in order like Flyway migrations, each in its own transaction with the row that records it in the
 * store's version table, on SQLite or PostgreSQL. On PostgreSQL a session advisory lock, one key per schema, makes
 * replicas that start together migrate one after the other (the second finds the work done).
 *
 * <p>Flyway was not taken: newer versions split database support into separate modules and it would add start-up
 * cost for a handful of tables; this runner is tested on both databases.
 */
public final class Migrations {

    /** The SQL dialect of a database. */
    public enum Dialect { SQLITE, POSTGRES }

    /** One numbered step, written once per dialect (or once for both when the SQL is the same). */
    public record Step(int version, String description, List<String> sqlite, List<String> postgres) {
        public Step {
            sqlite = List.copyOf(sqlite);
            postgres = List.copyOf(postgres);
        }

        /** A step whose statements both databases accept as they are. */
        public static Step both(int version, String description, List<String> statements) {
            return new Step(version, description, statements, statements);
        }

        List<String> statements(Dialect d) {
            return d == Dialect.SQLITE ? sqlite : postgres;
        }
    }

    /**
     * A schema: its version table, the PostgreSQL advisory-lock key that serialises its migrations across
     * replicas, and its steps in order.
     */
    public record Schema(String versionTable, long lockKey, List<Step> steps) {
        public Schema {
            steps = List.copyOf(steps);
            for (int i = 0; i < steps.size(); i++) {
                if (steps.get(i).version() != i + 1) {
                    throw new IllegalArgumentException(versionTable + ": step " + (i + 1) + " is numbered "
                            + steps.get(i).version());
                }
            }
        }

        /** The newest version. */
        public int latest() {
            return steps.size();
        }
    }

    private Migrations() {
    }

    /** Applies every step newer than the database's version. */
    public static void apply(Connection c, Schema schema, Dialect dialect) throws SQLException {
        apply(c, schema, dialect, Integer.MAX_VALUE);
    }

    /** Applies the steps newer than the database's version, up to {@code upTo} (tests build old schemas). */
    public static void apply(Connection c, Schema schema, Dialect dialect, int upTo) throws SQLException {
        boolean pg = dialect == Dialect.POSTGRES;
        if (pg) {
            try (Statement st = c.createStatement()) {
                st.execute("SELECT pg_advisory_lock(" + schema.lockKey() + ")");
            }
        }
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + schema.versionTable() + " (version INTEGER NOT NULL PRIMARY KEY, "
                    + "description TEXT NOT NULL, applied_ms BIGINT NOT NULL)");
            c.commit();
            int current = currentVersion(c, schema);
            for (Step step : schema.steps()) {
                if (step.version() <= current || step.version() > upTo) {
                    continue;
                }
                for (String sql : step.statements(dialect)) {
                    st.execute(sql);
                }
                // positional: version tables made by earlier releases name the last column differently
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + schema.versionTable()
                        + " VALUES (?, ?, ?)")) {
                    ps.setInt(1, step.version());
                    ps.setString(2, step.description());
                    ps.setLong(3, System.currentTimeMillis());
                    ps.executeUpdate();
                }
                c.commit();
            }
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
            if (pg) {
                try (Statement st = c.createStatement()) {
                    st.execute("SELECT pg_advisory_unlock(" + schema.lockKey() + ")");
                }
            }
        }
    }

    /** The version the database has reached (0 for a new one). */
    public static int currentVersion(Connection c, Schema schema) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM " + schema.versionTable())) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
