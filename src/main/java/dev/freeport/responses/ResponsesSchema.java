package dev.freeport.responses;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Versioned schema of the response store, numbered steps applied in order, each in its own transaction, recorded
 * in {@code responses_schema_version} (like the key store's). One list serves SQLite and PostgreSQL; the only
 * difference is the binary column type ({@code BLOB} / {@code BYTEA}), written {@value #BINARY} in the steps.
 */
final class ResponsesSchema {
    static final String BINARY = "${BINARY}";

    record Migration(int version, String description, List<String> statements) {
    }

    static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "stored responses", List.of(
                    """
                    CREATE TABLE responses (
                      id              TEXT   NOT NULL PRIMARY KEY,
                      owner           TEXT   NOT NULL,
                      created_ms      BIGINT NOT NULL,
                      expires_ms      BIGINT NOT NULL,
                      status          TEXT   NOT NULL,
                      model           TEXT,
                      response_gz     ${BINARY} NOT NULL,
                      conversation_gz ${BINARY} NOT NULL
                    )""",
                    "CREATE INDEX responses_expires ON responses(expires_ms)")));

    private ResponsesSchema() {
    }

    /** Applies every migration newer than the database's version. */
    static void migrate(Connection c, boolean postgres) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS responses_schema_version (version INTEGER NOT NULL PRIMARY KEY, "
                    + "description TEXT NOT NULL, applied_ms BIGINT NOT NULL)");
            c.commit();
            int current = currentVersion(c);
            for (Migration m : MIGRATIONS) {
                if (m.version() <= current) {
                    continue;
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO responses_schema_version VALUES (?, ?, ?)")) {
                    ps.setInt(1, m.version());
                    ps.setString(2, m.description());
                    ps.setLong(3, System.currentTimeMillis());
                    ps.executeUpdate();
                }
                for (String sql : m.statements()) {
                    st.execute(sql.replace(BINARY, postgres ? "BYTEA" : "BLOB"));
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
             ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM responses_schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
