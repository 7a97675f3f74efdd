package dev.freeport.responses;

import dev.freeport.store.Migrations;
import dev.freeport.store.Migrations.Step;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Versioned schema of the response store, numbered steps applied in order, each in its own transaction, recorded
 * in {@code responses_schema_version} (like the key store's). One list serves SQLite and PostgreSQL; the only
 * difference is the binary column type ({@code BLOB} / {@code BYTEA}), written {@value #BINARY} in the steps.
 */
final class ResponsesSchema {
    static final String BINARY = "${BINARY}";

    /** Serializes concurrent migrations of replicas starting together (PostgreSQL advisory lock key). */
    static final long PG_MIGRATION_LOCK = 4242_031L;

    static final List<Step> MIGRATIONS = List.of(
            step(1, "stored responses", List.of(
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

    static final Migrations.Schema SCHEMA = new Migrations.Schema("responses_schema_version", PG_MIGRATION_LOCK,
            MIGRATIONS);

    /** One step for both databases; only the binary column type differs. */
    private static Step step(int version, String description, List<String> statements) {
        return new Step(version, description, statements.stream().map(sql -> sql.replace(BINARY, "BLOB")).toList(),
                statements.stream().map(sql -> sql.replace(BINARY, "BYTEA")).toList());
    }

    /** Applies every migration newer than the database's version (see {@link Migrations}). */
    static void migrate(Connection c, boolean postgres) throws SQLException {
        Migrations.apply(c, SCHEMA, postgres ? Migrations.Dialect.POSTGRES : Migrations.Dialect.SQLITE);
    }
}
