package dev.freeport.ledger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Versioned schema of the ledger database, applied in order like Flyway migrations (V1, V2, ...). The current
 * version is recorded in {@code schema_version}; a later PostgreSQL backend can carry the same numbered steps.
 */
final class LedgerSchema {

    /** One numbered migration step. */
    record Migration(int version, String description, List<String> statements) {
    }

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
                    )""")),
            new Migration(2, "request facts: attribution and audit fingerprints", List.of(
                    "ALTER TABLE usage_events ADD COLUMN front TEXT",
                    "ALTER TABLE usage_events ADD COLUMN team TEXT",
                    "ALTER TABLE usage_events ADD COLUMN tags TEXT",
                    "ALTER TABLE usage_events ADD COLUMN prompt_hash TEXT",
                    "ALTER TABLE usage_events ADD COLUMN prefix_hash TEXT",
                    "ALTER TABLE usage_events ADD COLUMN prefix_tokens INTEGER NOT NULL DEFAULT 0",
                    "ALTER TABLE usage_events ADD COLUMN conversation_key TEXT",
                    "ALTER TABLE usage_events ADD COLUMN message_count INTEGER NOT NULL DEFAULT 0",
                    "ALTER TABLE usage_events ADD COLUMN max_tokens INTEGER",
                    "ALTER TABLE usage_events ADD COLUMN finish_reason TEXT",
                    "ALTER TABLE usage_events ADD COLUMN tools INTEGER NOT NULL DEFAULT 0",
                    "ALTER TABLE usage_events ADD COLUMN decision TEXT",
                    "CREATE INDEX usage_events_team ON usage_events(team)")));

    static final int LATEST = MIGRATIONS.get(MIGRATIONS.size() - 1).version();

    private LedgerSchema() {
    }

    /** Applies every migration newer than the database's version, each in its own transaction. */
    static void migrate(Connection c) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, "
                    + "description TEXT NOT NULL, applied_at_ms INTEGER NOT NULL)");
            c.commit();
            int current = currentVersion(c);
            for (Migration m : MIGRATIONS) {
                if (m.version() <= current) {
                    continue;
                }
                for (String sql : m.statements()) {
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
        }
    }

    static int currentVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
