package dev.freeport.access;

import dev.freeport.store.Migrations;
import dev.freeport.store.Migrations.Step;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Versioned schema of the key store, the same numbered steps for SQLite and PostgreSQL: the DDL keeps to types
 * both accept (TEXT, BIGINT, INTEGER), so one list serves both dialects. Applied like Flyway migrations, each in
 * its own transaction, recorded in {@code access_schema_version} (run by {@link Migrations}).
 */
final class AccessSchema {

    /** Serializes concurrent migrations of replicas starting together (PostgreSQL advisory lock key). */
    static final long PG_MIGRATION_LOCK = 4242001;

    static final List<Step> MIGRATIONS = List.of(
            Step.both(1, "keys, teams, change counter", List.of(
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
            Step.both(2, "vendor rules and default data class on keys and teams", ruleColumns()));

    static final Migrations.Schema SCHEMA = new Migrations.Schema("access_schema_version", PG_MIGRATION_LOCK,
            MIGRATIONS);

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

    /** Applies every migration newer than the database's version (see {@link Migrations}). */
    static void migrate(Connection c, Migrations.Dialect dialect) throws SQLException {
        Migrations.apply(c, SCHEMA, dialect);
    }
}
