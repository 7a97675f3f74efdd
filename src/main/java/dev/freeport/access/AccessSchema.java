package dev.freeport.access;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Versioned schema of the key store, the same numbered steps for SQLite and PostgreSQL: the DDL keeps to types
 * both accept (TEXT, BIGINT, INTEGER), so one list serves both dialects. Applied like Flyway migrations, each in
 * its own transaction, recorded in {@code access_schema_version}.
 */
final class AccessSchema {

    record Migration(int version, String description, List<String> statements) {
    }

    static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "keys, teams, change counter", List.of(
                    "CREATE TABLE access_clock (id INTEGER NOT NULL PRIMARY KEY, version BIGINT NOT NULL)",
                    "INSERT INTO access_clock (id, version) VALUES (1, 0)",
                    """
                    CREATE TABLE access_teams (
                      name          TEXT   NOT NULL PRIMARY KEY,
                      tags          TEXT   NOT NULL,
                      rpm           INTEGER,
                      tpm           BIGINT,
                      max_parallel  INTEGER,
                      budget_nanos  BIGINT,
                      budget_period TEXT,
                      budget_hard   INTEGER,
                      budget_alerts TEXT,
                      created_ms    BIGINT NOT NULL,
                      updated_ms    BIGINT NOT NULL,
                      deleted_ms    BIGINT,
                      version       BIGINT NOT NULL
                    )""",
                    """
                    CREATE TABLE access_keys (
                      id            TEXT   NOT NULL PRIMARY KEY,
                      name          TEXT,
                      prefix        TEXT   NOT NULL,
                      secret_hash   TEXT   NOT NULL UNIQUE,
                      team          TEXT,
                      tags          TEXT   NOT NULL,
                      models        TEXT   NOT NULL,
                      rpm           INTEGER,
                      tpm           BIGINT,
                      max_parallel  INTEGER,
                      budget_nanos  BIGINT,
                      budget_period TEXT,
                      budget_hard   INTEGER,
                      budget_alerts TEXT,
                      expires_ms    BIGINT,
                      revoked_ms    BIGINT,
                      created_ms    BIGINT NOT NULL,
                      updated_ms    BIGINT NOT NULL,
                      version       BIGINT NOT NULL
                    )""",
                    "CREATE INDEX access_keys_version ON access_keys(version)",
                    "CREATE INDEX access_teams_version ON access_teams(version)")),
            new Migration(2, "vendor rules and default data class on keys and teams", ruleColumns()));

    /** The columns of {@link RuleColumns}: comma-separated sets (NULL or '' = empty) and a nullable data class.
     *  SQLite adds one column per ALTER TABLE, so one statement per column, on both dialects. */
    private static List<String> ruleColumns() {
        List<String> out = new java.util.ArrayList<>();
        for (String table : List.of("access_keys", "access_teams")) {
            for (String col : RuleColumns.COLUMNS) {
                out.add("ALTER TABLE " + table + " ADD COLUMN " + col + " TEXT");
            }
        }
        return List.copyOf(out);
    }

    private AccessSchema() {
    }

    /** Applies every migration newer than the database's version. Concurrent starters: PostgreSQL serializes
     *  them on the version table's primary key (the loser's transaction fails and is retried by re-reading). */
    static void migrate(Connection c) throws SQLException {
        migrate(c, Integer.MAX_VALUE);
    }

    /** Applies the migrations newer than the database's version up to {@code upTo} (tests build old schemas). */
    static void migrate(Connection c, int upTo) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS access_schema_version (version INTEGER NOT NULL PRIMARY KEY, "
                    + "description TEXT NOT NULL, applied_ms BIGINT NOT NULL)");
            c.commit();
            int current = currentVersion(c);
            for (Migration m : MIGRATIONS) {
                if (m.version() <= current || m.version() > upTo) {
                    continue;
                }
                try (var ps = c.prepareStatement("INSERT INTO access_schema_version VALUES (?, ?, ?)")) {
                    ps.setInt(1, m.version());
                    ps.setString(2, m.description());
                    ps.setLong(3, System.currentTimeMillis());
                    ps.executeUpdate();
                }
                for (String sql : m.statements()) {
                    st.execute(sql);
                }
                c.commit();
            }
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    static int currentVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM access_schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
