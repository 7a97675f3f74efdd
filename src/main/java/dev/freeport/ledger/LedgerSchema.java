package dev.freeport.ledger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Versioned schema of the ledger database, applied in order like Flyway migrations (V1, V2, ...), for SQLite and
 * for PostgreSQL: each numbered step carries one statement list per dialect, and the version reached is recorded in
 * {@code schema_version} in both. PostgreSQL types are the strict ones (BIGINT nanos and millis, BOOLEAN flags);
 * its {@code journal_segments_done} is keyed by (replica, segment) because many replicas share the database.
 */
final class LedgerSchema {

    /** The SQL dialect of a ledger database. */
    enum Dialect { SQLITE, POSTGRES }

    /** One numbered migration step, written once per dialect. */
    record Migration(int version, String description, List<String> sqlite, List<String> postgres) {
        List<String> statements(Dialect d) {
            return d == Dialect.SQLITE ? sqlite : postgres;
        }
    }

    /** Serializes concurrent migrations of replicas starting together (PostgreSQL advisory lock key). */
    static final long PG_MIGRATION_LOCK = 0x46726565706f7274L; // "Freeport"

    static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "usage_events", List.of(
                    """
                    CREATE TABLE usage_events (
                      id                    TEXT    NOT NULL PRIMARY KEY,
                      time_ms               INTEGER NOT NULL,
                      caller                TEXT,
                      endpoint              TEXT,
                      alias                 TEXT,
                      provider              TEXT,
                      upstream_model        TEXT,
                      attempts              INTEGER NOT NULL,
                      status                TEXT    NOT NULL,
                      http_status           INTEGER NOT NULL,
                      error_kind            TEXT,
                      error_message         TEXT,
                      stream                INTEGER NOT NULL,
                      input_tokens          INTEGER NOT NULL,
                      output_tokens         INTEGER NOT NULL,
                      cached_input_tokens   INTEGER NOT NULL,
                      cache_creation_tokens INTEGER NOT NULL,
                      reasoning_tokens      INTEGER NOT NULL,
                      estimated             INTEGER NOT NULL,
                      cost_nanos            INTEGER NOT NULL,
                      latency_ms            INTEGER NOT NULL,
                      ttft_ms               INTEGER
                    )""",
                    "CREATE INDEX usage_events_time ON usage_events(time_ms)",
                    "CREATE INDEX usage_events_alias ON usage_events(alias)",
                    "CREATE INDEX usage_events_provider ON usage_events(provider)",
                    """
                    CREATE TABLE journal_segments_done (
                      segment    INTEGER NOT NULL PRIMARY KEY,
                      events     INTEGER NOT NULL,
                      done_at_ms INTEGER NOT NULL
                    )"""), List.of(
                    """
                    CREATE TABLE usage_events (
                      id                    TEXT    NOT NULL PRIMARY KEY,
                      time_ms               BIGINT  NOT NULL,
                      caller                TEXT,
                      endpoint              TEXT,
                      alias                 TEXT,
                      provider              TEXT,
                      upstream_model        TEXT,
                      attempts              INTEGER NOT NULL,
                      status                TEXT    NOT NULL,
                      http_status           INTEGER NOT NULL,
                      error_kind            TEXT,
                      error_message         TEXT,
                      stream                BOOLEAN NOT NULL,
                      input_tokens          BIGINT  NOT NULL,
                      output_tokens         BIGINT  NOT NULL,
                      cached_input_tokens   BIGINT  NOT NULL,
                      cache_creation_tokens BIGINT  NOT NULL,
                      reasoning_tokens      BIGINT  NOT NULL,
                      estimated             BOOLEAN NOT NULL,
                      cost_nanos            BIGINT  NOT NULL,
                      latency_ms            BIGINT  NOT NULL,
                      ttft_ms               BIGINT
                    )""",
                    "CREATE INDEX usage_events_time ON usage_events(time_ms)",
                    "CREATE INDEX usage_events_alias ON usage_events(alias)",
                    "CREATE INDEX usage_events_provider ON usage_events(provider)",
                    """
                    CREATE TABLE journal_segments_done (
                      replica    TEXT   NOT NULL,
                      segment    BIGINT NOT NULL,
                      events     BIGINT NOT NULL,
                      done_at_ms BIGINT NOT NULL,
                      PRIMARY KEY (replica, segment)
                    )""")),
            new Migration(2, "request facts: attribution and audit fingerprints",
                    factColumns("INTEGER NOT NULL DEFAULT 0", "INTEGER NOT NULL DEFAULT 0"),
                    factColumns("BIGINT NOT NULL DEFAULT 0", "BOOLEAN NOT NULL DEFAULT FALSE")));

    static final int LATEST = MIGRATIONS.get(MIGRATIONS.size() - 1).version();

    private LedgerSchema() {
    }

    private static List<String> factColumns(String prefixTokensType, String toolsType) {
        return List.of(
                "ALTER TABLE usage_events ADD COLUMN front TEXT",
                "ALTER TABLE usage_events ADD COLUMN team TEXT",
                "ALTER TABLE usage_events ADD COLUMN tags TEXT",
                "ALTER TABLE usage_events ADD COLUMN prompt_hash TEXT",
                "ALTER TABLE usage_events ADD COLUMN prefix_hash TEXT",
                "ALTER TABLE usage_events ADD COLUMN prefix_tokens " + prefixTokensType,
                "ALTER TABLE usage_events ADD COLUMN conversation_key TEXT",
                "ALTER TABLE usage_events ADD COLUMN message_count INTEGER NOT NULL DEFAULT 0",
                "ALTER TABLE usage_events ADD COLUMN max_tokens INTEGER",
                "ALTER TABLE usage_events ADD COLUMN finish_reason TEXT",
                "ALTER TABLE usage_events ADD COLUMN tools " + toolsType,
                "ALTER TABLE usage_events ADD COLUMN decision TEXT",
                "CREATE INDEX usage_events_team ON usage_events(team)");
    }

    /** Applies every SQLite migration newer than the database's version, each in its own transaction. */
    static void migrate(Connection c) throws SQLException {
        migrate(c, Dialect.SQLITE);
    }

    /**
     * Applies every migration newer than the database's version, each in its own transaction. On PostgreSQL a
     * session advisory lock makes replicas that start together migrate one after the other (the second finds the
     * work done).
     */
    static void migrate(Connection c, Dialect dialect) throws SQLException {
        boolean auto = c.getAutoCommit();
        boolean pg = dialect == Dialect.POSTGRES;
        if (pg) {
            try (Statement st = c.createStatement()) {
                st.execute("SELECT pg_advisory_lock(" + PG_MIGRATION_LOCK + ")");
            }
        }
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, "
                    + "description TEXT NOT NULL, applied_at_ms " + (pg ? "BIGINT" : "INTEGER") + " NOT NULL)");
            c.commit();
            int current = currentVersion(c);
            for (Migration m : MIGRATIONS) {
                if (m.version() <= current) {
                    continue;
                }
                for (String sql : m.statements(dialect)) {
                    st.execute(sql);
                }
                try (var ps = c.prepareStatement("INSERT INTO schema_version VALUES (?, ?, ?)")) {
                    ps.setInt(1, m.version());
                    ps.setString(2, m.description());
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
                    st.execute("SELECT pg_advisory_unlock(" + PG_MIGRATION_LOCK + ")");
                }
            }
        }
    }

    static int currentVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
