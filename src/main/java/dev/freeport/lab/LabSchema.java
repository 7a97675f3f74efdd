package dev.freeport.lab;

import dev.freeport.store.Migrations;
import dev.freeport.store.Migrations.Step;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The migration lab's tables, versioned like every store's ({@link Migrations}, recorded in
 * {@code lab_schema_version}). {@code lab_samples}: one request (shadowed, captured or imported) with the primary's
 * answer; {@code lab_results}: one candidate's answer to a sample (from shadow traffic or a replay), at most one per
 * (sample, candidate), which is what makes a replay resumable; {@code lab_verdicts}: the judge's verdict on a
 * candidate's answer against the incumbent's, one per (sample, candidate). Bodies are gzip-compressed JSON.
 */
final class LabSchema {
    private static final String BINARY = "${BINARY}";
    /** Serialises replicas migrating together (PostgreSQL advisory lock key). */
    static final long PG_MIGRATION_LOCK = 4242_113L;

    private static final String ANSWER_COLUMNS = """
              provider      TEXT,
              model         TEXT,
              status        TEXT   NOT NULL,
              error         TEXT,
              input_tokens  BIGINT NOT NULL,
              output_tokens BIGINT NOT NULL,
              cost_nanos    BIGINT NOT NULL,
              latency_ms    BIGINT NOT NULL,
              ttft_ms       BIGINT,
              finish_reason TEXT,
              answer_gz     ${BINARY},
            """;

    static final List<Step> STEPS = List.of(step(1, "samples and candidate results", List.of(
            """
            CREATE TABLE lab_samples (
              id            TEXT   NOT NULL PRIMARY KEY,
              alias         TEXT   NOT NULL,
              source        TEXT   NOT NULL,
              time_ms       BIGINT NOT NULL,
              caller        TEXT,
              team          TEXT,
              data_class    TEXT,
              request_gz    ${BINARY} NOT NULL,
            """ + ANSWER_COLUMNS + """
              request_bytes BIGINT NOT NULL
            )""",
            "CREATE INDEX lab_samples_alias_time ON lab_samples(alias, time_ms)",
            """
            CREATE TABLE lab_results (
              sample_id     TEXT   NOT NULL,
              candidate     TEXT   NOT NULL,
              alias         TEXT   NOT NULL,
              source        TEXT   NOT NULL,
              time_ms       BIGINT NOT NULL,
            """ + ANSWER_COLUMNS + """
              PRIMARY KEY (sample_id, candidate)
            )""",
            "CREATE INDEX lab_results_alias_time ON lab_results(alias, time_ms)")),
            step(2, "judge verdicts", List.of(
                    """
                    CREATE TABLE lab_verdicts (
                      sample_id   TEXT   NOT NULL,
                      candidate   TEXT   NOT NULL,
                      alias       TEXT   NOT NULL,
                      judge       TEXT   NOT NULL,
                      time_ms     BIGINT NOT NULL,
                      verdict     TEXT   NOT NULL,
                      reason      TEXT,
                      cost_nanos  BIGINT NOT NULL,
                      PRIMARY KEY (sample_id, candidate)
                    )""",
                    "CREATE INDEX lab_verdicts_alias_time ON lab_verdicts(alias, time_ms)")),
            step(3, "the caller's tags on samples", List.of("ALTER TABLE lab_samples ADD COLUMN tags TEXT")));

    static final Migrations.Schema SCHEMA = new Migrations.Schema("lab_schema_version", PG_MIGRATION_LOCK, STEPS);

    private LabSchema() {
    }

    private static Step step(int version, String description, List<String> statements) {
        return new Step(version, description, statements.stream().map(sql -> sql.replace(BINARY, "BLOB")).toList(),
                statements.stream().map(sql -> sql.replace(BINARY, "BYTEA")).toList());
    }

    static void migrate(Connection c, boolean postgres) throws SQLException {
        Migrations.apply(c, SCHEMA, postgres ? Migrations.Dialect.POSTGRES : Migrations.Dialect.SQLITE);
    }
}
