package dev.freeport.ledger;

import dev.freeport.store.Migrations;
import dev.freeport.store.Migrations.Step;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Versioned schema of the ledger database, applied in order like Flyway migrations (V1, V2, ...), for SQLite and
 * for PostgreSQL: each numbered step carries one statement list per dialect, and the version reached is recorded in
 * {@code schema_version} in both (run by {@link Migrations}). PostgreSQL types are the strict ones (BIGINT nanos and millis, BOOLEAN flags);
 * its {@code journal_segments_done} is keyed by (replica, segment) because many replicas share the database.
 */
final class LedgerSchema {

    /** Serializes concurrent migrations of replicas starting together (PostgreSQL advisory lock key). */
    static final long PG_MIGRATION_LOCK = 0x46726565706f7274L; // "Freeport"

    /**
     * key_id (a key's prefix changes when it is rotated; its id does not) and one index per budget subject whose
     * columns answer {@link SpendSince}'s range sums without reading the table.
     */
    private static final List<String> KEY_SPEND = List.of(
            "ALTER TABLE usage_events ADD COLUMN key_id TEXT",
            "CREATE INDEX usage_events_key_spend ON usage_events(key_id, time_ms, cost_nanos)",
            "CREATE INDEX usage_events_team_spend ON usage_events(team, time_ms, cost_nanos)");

    /** {@link PrunedSpend}: a budget's spend that retention deleted from usage_events. */
    private static final List<String> PRUNED_SPEND = List.of("""
            CREATE TABLE pruned_spend (
              subject    TEXT   NOT NULL,
              day_ms     BIGINT NOT NULL,
              cost_nanos BIGINT NOT NULL,
              PRIMARY KEY (subject, day_ms)
            )""");

    /**
     * Only the indexes a ledger query uses (each one is written on every insert): the alias, provider and team
     * indexes served no query (the team index was also a prefix of usage_events_team_spend), and the spend
     * indexes leave out rows without a key or a team, which no budget sum reads. {@code LedgerIndexesTest} holds
     * every ledger query's plan.
     */
    private static final List<String> LEAN_INDEXES = List.of(
            "DROP INDEX IF EXISTS usage_events_alias",
            "DROP INDEX IF EXISTS usage_events_provider",
            "DROP INDEX IF EXISTS usage_events_team",
            "DROP INDEX IF EXISTS usage_events_key_spend",
            "DROP INDEX IF EXISTS usage_events_team_spend",
            "CREATE INDEX usage_events_key_spend ON usage_events(key_id, time_ms, cost_nanos) "
                    + "WHERE key_id IS NOT NULL",
            "CREATE INDEX usage_events_team_spend ON usage_events(team, time_ms, cost_nanos) "
                    + "WHERE team IS NOT NULL");

    /**
     * {@link RoutePlans}: a routing decision's text around its last attempt's millis, stored once per plan; a row
     * refers to it by {@code plan_id} with its own {@code plan_millis} (rows before step 8 keep their decision whole).
     */
    private static List<String> routePlans(String idColumn) {
        return List.of("""
                CREATE TABLE route_plans (
                  plan_id   %s,
                  plan_key  BIGINT NOT NULL UNIQUE,
                  plan_head TEXT   NOT NULL,
                  plan_tail TEXT   NOT NULL
                )""".formatted(idColumn),
                "ALTER TABLE usage_events ADD COLUMN plan_id BIGINT",
                "ALTER TABLE usage_events ADD COLUMN plan_millis BIGINT");
    }

    static final List<Step> MIGRATIONS = List.of(
            new Step(1, "usage_events", List.of(
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
            new Step(2, "request facts: attribution and audit fingerprints",
                    factColumns("INTEGER NOT NULL DEFAULT 0", "INTEGER NOT NULL DEFAULT 0"),
                    factColumns("BIGINT NOT NULL DEFAULT 0", "BOOLEAN NOT NULL DEFAULT FALSE")),
            new Step(3, "cost status (cost_unknown, unconverted) and the vendor's own currency and amount",
                    costColumns("INTEGER"), costColumns("BIGINT")),
            new Step(4, "the caller's key id, and covering indexes for a budget's spend",
                    KEY_SPEND, KEY_SPEND),
            new Step(5, "response cache: the verdict and a hit's saving", cacheColumns("INTEGER"),
                    cacheColumns("BIGINT")),
            new Step(6, "pruned spend: what retention deleted, per budget subject and UTC day", PRUNED_SPEND,
                    PRUNED_SPEND),
            new Step(7, "only the indexes a query uses; spend indexes without keyless/teamless rows",
                    LEAN_INDEXES, LEAN_INDEXES),
            new Step(8, "routing decisions' plans stored once (route_plans), rows keep the plan's id and millis",
                    routePlans("INTEGER PRIMARY KEY"), routePlans("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")));

    static final Migrations.Schema SCHEMA = new Migrations.Schema("schema_version", PG_MIGRATION_LOCK, MIGRATIONS);
    static final int LATEST = SCHEMA.latest();

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

    /** NULL status: priced in USD (every row written before step 3 reads so). */
    private static List<String> costColumns(String nanosType) {
        return List.of(
                "ALTER TABLE usage_events ADD COLUMN cost_status TEXT",
                "ALTER TABLE usage_events ADD COLUMN cost_currency TEXT",
                "ALTER TABLE usage_events ADD COLUMN cost_original_nanos " + nanosType + " NOT NULL DEFAULT 0");
    }

    /** NULL cache: the alias kept no cache (every row written before step 4 reads so). */
    private static List<String> cacheColumns(String nanosType) {
        return List.of(
                "ALTER TABLE usage_events ADD COLUMN cache TEXT",
                "ALTER TABLE usage_events ADD COLUMN saved_nanos " + nanosType + " NOT NULL DEFAULT 0");
    }

    /** Applies every SQLite migration newer than the database's version, each in its own transaction. */
    static void migrate(Connection c) throws SQLException {
        Migrations.apply(c, SCHEMA, Migrations.Dialect.SQLITE);
    }

    /** Applies every migration newer than the database's version (see {@link Migrations}). */
    static void migrate(Connection c, Migrations.Dialect dialect) throws SQLException {
        Migrations.apply(c, SCHEMA, dialect);
    }

    static int currentVersion(Connection c) throws SQLException {
        return Migrations.currentVersion(c, SCHEMA);
    }
}
