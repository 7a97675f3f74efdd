package dev.freeport.batch;

import dev.freeport.store.Migrations;
import dev.freeport.store.Migrations.Step;

import java.util.List;

/**
 * Versioned schema of the batch store (numbered steps, {@code batch_schema_version}), one list for SQLite and
 * PostgreSQL; only the binary column type differs ({@code BLOB} / {@code BYTEA}). Three tables: uploaded and
 * produced files, batches, and one row per contained request (its input, and its answer once it has one: what a
 * resumed batch never sends again).
 */
final class BatchSchema {
    private static final String BINARY = "${BINARY}";

    /** Serializes concurrent migrations of replicas starting together (PostgreSQL advisory lock key). */
    static final long PG_MIGRATION_LOCK = 4242_161L;

    private static final List<String> STEP_1 = List.of(
            """
            CREATE TABLE batch_files (
              id         TEXT   NOT NULL PRIMARY KEY,
              owner      TEXT   NOT NULL,
              purpose    TEXT   NOT NULL,
              filename   TEXT   NOT NULL,
              created_ms BIGINT NOT NULL,
              bytes      BIGINT NOT NULL,
              content    ${BINARY} NOT NULL
            )""",
            "CREATE INDEX batch_files_owner ON batch_files(owner, created_ms)",
            """
            CREATE TABLE batches (
              id             TEXT   NOT NULL PRIMARY KEY,
              owner          TEXT   NOT NULL,
              api            TEXT   NOT NULL,
              endpoint       TEXT   NOT NULL,
              status         TEXT   NOT NULL,
              input_file_id  TEXT,
              output_file_id TEXT,
              error_file_id  TEXT,
              created_ms     BIGINT NOT NULL,
              expires_ms     BIGINT NOT NULL,
              ended_ms       BIGINT,
              cancel_ms      BIGINT,
              metadata       TEXT,
              data_class     TEXT
            )""",
            "CREATE INDEX batches_owner ON batches(owner, created_ms)",
            "CREATE INDEX batches_status ON batches(status)",
            """
            CREATE TABLE batch_lines (
              batch_id   TEXT    NOT NULL,
              idx        INTEGER NOT NULL,
              custom_id  TEXT,
              request    TEXT,
              outcome    TEXT,
              status     INTEGER,
              response   TEXT,
              request_id TEXT,
              PRIMARY KEY (batch_id, idx)
            )""");

    /**
     * Native pass-through and leases: where each request was handed (provider, upstream model, alias, body), the
     * batches submitted to providers' batch APIs, and which replica runs a batch until when.
     */
    private static final List<String> STEP_2 = List.of(
            "ALTER TABLE batch_lines ADD COLUMN handed_provider TEXT",
            "ALTER TABLE batch_lines ADD COLUMN handed_model TEXT",
            "ALTER TABLE batch_lines ADD COLUMN handed_alias TEXT",
            "ALTER TABLE batch_lines ADD COLUMN handed_body TEXT",
            """
            CREATE TABLE batch_upstreams (
              batch_id    TEXT NOT NULL,
              provider    TEXT NOT NULL,
              upstream_id TEXT NOT NULL,
              status      TEXT,
              PRIMARY KEY (batch_id, provider)
            )""",
            "ALTER TABLE batches ADD COLUMN lease_owner TEXT",
            "ALTER TABLE batches ADD COLUMN lease_until BIGINT NOT NULL DEFAULT 0");

    /**
     * Budget holds of handed-over requests: the estimate charged to the key's (and team's) budget at the hand-over,
     * when, and when it was released (answer settled, or ended unanswered); the budgets' starting spend after a
     * restart reads the holds not released by then.
     */
    private static final List<String> STEP_3 = List.of(
            "ALTER TABLE batch_lines ADD COLUMN held_nanos BIGINT",
            "ALTER TABLE batch_lines ADD COLUMN held_ms BIGINT",
            "ALTER TABLE batch_lines ADD COLUMN held_key TEXT",
            "ALTER TABLE batch_lines ADD COLUMN held_team TEXT",
            "ALTER TABLE batch_lines ADD COLUMN released_ms BIGINT",
            "CREATE INDEX batch_lines_held ON batch_lines(held_ms)");

    static final Migrations.Schema SCHEMA = new Migrations.Schema("batch_schema_version", PG_MIGRATION_LOCK,
            List.of(new Step(1, "batch files, batches and their requests",
                    STEP_1.stream().map(s -> s.replace(BINARY, "BLOB")).toList(),
                    STEP_1.stream().map(s -> s.replace(BINARY, "BYTEA")).toList()),
                    new Step(2, "native pass-through to batch APIs; leases", STEP_2, STEP_2),
                    new Step(3, "budget holds of handed-over requests", STEP_3, STEP_3)));

    private BatchSchema() {
    }
}
