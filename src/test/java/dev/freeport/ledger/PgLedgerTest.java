package dev.freeport.ledger;

import dev.freeport.api.Usage;
import dev.freeport.config.LedgerConfig;
import dev.freeport.config.StoreConfig;
import dev.freeport.store.Migrations;
import dev.freeport.testing.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static dev.freeport.ledger.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** The ledger with its database in a real PostgreSQL: parity with SQLite, replicas, replays, migrations. */
class PgLedgerTest {

    private static PostgresServer server;

    @TempDir
    Path tmp;

    private StoreConfig pg;

    @BeforeAll
    static void startServer() {
        server = PostgresServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void freshDatabase() {
        pg = new StoreConfig(StoreConfig.Kind.POSTGRES, server.newDatabase(), server.user(), null, 4);
    }

    private Path dir(String name) {
        return tmp.resolve(name);
    }

    private static LedgerConfig cfg(Path dir) {
        return new LedgerConfig(dir, 16, Duration.ofHours(1));
    }

    private static List<UsageEvent> events(String prefix, int from, int to) {
        List<UsageEvent> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(Events.simple(prefix + i, i));
        }
        return out;
    }

    /** Every field shape: nulls, flags both ways, facts with and without caps, ids whose order depends on collation. */
    private static List<UsageEvent> varied() {
        UsageEvent facts = Events.withFacts("B-facts");
        RequestFacts noCap = new RequestFacts("openai", null, null, "ff00", null, 0, "c0ffee", 1, null, "stop", false,
                null);
        UsageEvent plain = Events.simple("a_plain", 0);
        UsageEvent noCapEvent = UsageEvent.builder("a-nocap", T0).caller("key:abc").endpoint("embeddings").alias(null)
                .target(null, null).attempts(0)
                .outcome(UsageEvent.Status.FAILED, 400, "invalid_request", "bad \"input\" ü").stream(false)
                .usage(new Usage(0, 0, 0, 0, 0, false)).costNanos(0).latency(1, null).facts(noCap).build();
        return List.of(facts, plain, noCapEvent,
                Events.withStatus("cut", T0.plusMillis(7), "fast", UsageEvent.Status.CUT, 123_456_789_012L, 40),
                Events.withStatus("cancel", T0.plusMillis(9), "fast", UsageEvent.Status.CANCELLED, 5, 50),
                UsageEvent.builder("big", T0.plusSeconds(3)).caller("master").endpoint("chat").alias("smart")
                        .target("anthropic", "claude").attempts(2).outcome(UsageEvent.Status.OK, 200, null, null)
                        .stream(true).usage(new Usage(5_000_000_000L, 3_000_000_000L, 7, 8, 9, true))
                        .costNanos(Long.MAX_VALUE / 4).latency(123_456, 99L).build());
    }

    @Test
    void sinceFromPostgresEqualsSinceFromSqliteForTheSameEvents() {
        List<UsageEvent> fromSqlite;
        List<UsageEvent> fromPg;
        try (JournaledLedger sqlite = JournaledLedger.open(cfg(dir("sqlite")));
             JournaledLedger shared = JournaledLedger.open(cfg(dir("pg")), pg)) {
            varied().forEach(sqlite::record);
            varied().forEach(shared::record);
            fromSqlite = sqlite.since(T0);
            fromPg = shared.since(T0);
        }
        assertThat(fromPg).hasSize(6).containsExactlyElementsOf(fromSqlite);
        assertThat(fromPg).containsExactlyInAnyOrderElementsOf(varied());
        assertThat(fromPg).extracting(UsageEvent::id).startsWith("B-facts", "a-nocap", "a_plain");
    }

    @Test
    void anUnknownCostAndAYuanAmountReadBackFromPostgresAsFromSqlite() {
        List<UsageEvent> events = List.of(
                Events.simple("unpriced", 11).toBuilder().costNanos(0).cost(CostDetail.UNKNOWN).build(),
                Events.simple("yuan", 12).toBuilder().costNanos(39_200_000)
                        .cost(CostDetail.original("CNY", 280_000_000, true)).build());
        try (JournaledLedger sqlite = JournaledLedger.open(cfg(dir("sqlite")));
             JournaledLedger shared = JournaledLedger.open(cfg(dir("pg")), pg)) {
            events.forEach(sqlite::record);
            events.forEach(shared::record);
            sqlite.flush();
            shared.flush();
            assertThat(shared.since(T0)).containsExactlyElementsOf(events).isEqualTo(sqlite.since(T0));
        }
    }

    @Test
    void decisionsOfOnePlanReadBackFromPostgresAsFromSqliteWithThePlanStoredOnce() throws SQLException {
        List<UsageEvent> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            events.add(RoutePlansTest.decided(i, "{\"strategy\":\"ordered\",\"attempts\":[{\"millis\":" + i + "}]}"));
        }
        events.add(RoutePlansTest.decided(40, "{\"strategy\":\"once\",\"attempts\":[{\"millis\":3}]}"));
        try (JournaledLedger sqlite = JournaledLedger.open(cfg(dir("sqlite")));
             JournaledLedger shared = JournaledLedger.open(cfg(dir("pg")), pg)) {
            events.forEach(sqlite::record);
            events.forEach(shared::record);
            sqlite.flush();
            shared.flush();
            assertThat(shared.since(T0)).containsExactlyElementsOf(events).isEqualTo(sqlite.since(T0));
            assertThat(shared.byId(events.get(7).id())).contains(events.get(7));
        }
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*), MIN(plan_tail) FROM route_plans")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(1);
            assertThat(rs.getString(2)).isEqualTo("}]}");
        }
    }

    @Test
    void aCacheHitAndItsSavingReadBackFromPostgresAsFromSqlite() {
        List<UsageEvent> events = List.of(
                Events.simple("hit", 13).toBuilder().costNanos(0).cache("hit", 2_500_000).build(),
                Events.simple("bypass", 14).toBuilder().cache("bypass", 0).build());
        try (JournaledLedger sqlite = JournaledLedger.open(cfg(dir("sqlite")));
             JournaledLedger shared = JournaledLedger.open(cfg(dir("pg")), pg)) {
            events.forEach(sqlite::record);
            events.forEach(shared::record);
            sqlite.flush();
            shared.flush();
            assertThat(shared.since(T0)).containsExactlyElementsOf(events).isEqualTo(sqlite.since(T0));
        }
    }

    @Test
    void storesFlagsAsBooleansAndMoneyAsBigint() throws SQLException {
        try (JournaledLedger shared = JournaledLedger.open(cfg(dir("pg")), pg)) {
            shared.record(Events.withFacts("f"));
            shared.flush();
        }
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT stream, estimated, tools, cost_nanos, pg_typeof(cost_nanos)::text, pg_typeof(time_ms)::text,"
                        + " pg_typeof(tools)::text FROM usage_events WHERE id = 'f'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getObject(1)).isEqualTo(false);
            assertThat(rs.getObject(3)).isEqualTo(true);
            assertThat(rs.getLong(4)).isEqualTo(1234);
            assertThat(List.of(rs.getString(5), rs.getString(6), rs.getString(7)))
                    .containsExactly("bigint", "bigint", "boolean");
        }
    }

    @Test
    void replaysOfTwoReplicasWithOverlappingEventsLeaveOneRowPerId() throws Exception {
        JournalFiles.writeOrphanJournal(dir("r1"), 1 << 20, events("e", 0, 30));
        JournalFiles.writeOrphanJournal(dir("r2"), 1 << 20, events("e", 20, 50));
        try (JournaledLedger r1 = JournaledLedger.open(cfg(dir("r1")), pg)) {
            assertThat(r1.replayStats()).isEqualTo(new JournaledLedger.ReplayStats(1, 30, 30, 0));
        }
        try (JournaledLedger r2 = JournaledLedger.open(cfg(dir("r2")), pg)) {
            assertThat(r2.replayStats()).isEqualTo(new JournaledLedger.ReplayStats(1, 30, 20, 0));
            assertThat(r2.store().count()).isEqualTo(50);
            assertThat(r2.since(Instant.EPOCH)).extracting(UsageEvent::id)
                    .containsExactlyElementsOf(events("e", 0, 50).stream().map(UsageEvent::id).toList());
        }
        assertThat(JournalFiles.segments(dir("r1"))).isEmpty();
        assertThat(JournalFiles.segments(dir("r2"))).isEmpty();
    }

    @Test
    void insertingABatchRunsAMultiRowStatementPer128RowsAndPerSetBitOfTheRestAndAReplayAddsNothing() throws Exception {
        List<UsageEvent> batch = events("s", 0, 300); // 300 = 128 + 128 + 32 + 8 + 4
        try (PgLedgerStore store = PgLedgerStore.open(pg, "r1"); Connection c = connect();
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE statements (n INT NOT NULL)");
            st.execute("INSERT INTO statements VALUES (0)");
            st.execute("CREATE FUNCTION count_statement() RETURNS trigger LANGUAGE plpgsql AS "
                    + "$$ BEGIN UPDATE statements SET n = n + 1; RETURN NULL; END $$");
            st.execute("CREATE TRIGGER per_statement AFTER INSERT ON usage_events FOR EACH STATEMENT "
                    + "EXECUTE FUNCTION count_statement()");
            assertThat(store.insert(batch)).isEqualTo(300);
            assertThat(statements(st)).isEqualTo(5); // a JDBC batch: 300
            // the same events again, as a replay after a crash: every id is there, nothing is added
            assertThat(store.insert(batch)).isZero();
            assertThat(store.count()).isEqualTo(300);
            assertThat(store.byId("s7")).contains(batch.get(7));
        }
    }

    private static int statements(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT n FROM statements")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void recordsFinishedSegmentsPerReplicaUnderItsStableId() throws Exception {
        JournalFiles.writeOrphanJournal(dir("r1"), 1 << 20, events("a", 0, 3));
        JournalFiles.writeOrphanJournal(dir("r2"), 1 << 20, events("b", 0, 3));
        JournaledLedger.open(cfg(dir("r1")), pg).close();
        JournaledLedger.open(cfg(dir("r2")), pg).close();
        String id1 = Files.readString(dir("r1").resolve(ReplicaId.FILE)).trim();
        String id2 = Files.readString(dir("r2").resolve(ReplicaId.FILE)).trim();
        assertThat(id1).isNotEqualTo(id2);
        List<String> rows = new ArrayList<>();
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT replica, segment, events FROM journal_segments_done")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + "/" + rs.getLong(2) + "/" + rs.getLong(3));
            }
        }
        // both replicas replayed their own segment 1 (3 events): two rows, not one overwriting the other
        assertThat(rows).contains(id1 + "/1/3", id2 + "/1/3")
                .allMatch(r -> r.startsWith(id1 + "/") || r.startsWith(id2 + "/"));
        JournaledLedger.open(cfg(dir("r1")), pg).close();
        assertThat(Files.readString(dir("r1").resolve(ReplicaId.FILE)).trim()).isEqualTo(id1);
    }

    @Test
    void replaySkipsTornTailIntoPostgres() throws Exception {
        List<UsageEvent> written = events("t", 0, 20);
        long[] ends = JournalFiles.writeOrphanJournal(dir("r1"), 1 << 20, written);
        Path seg = JournalFiles.segments(dir("r1")).get(0);
        JournalFiles.overwrite(seg, ends[19] - 3, new byte[] {0, 0, 0});
        try (JournaledLedger ledger = JournaledLedger.open(cfg(dir("r1")), pg)) {
            assertThat(ledger.replayStats()).isEqualTo(new JournaledLedger.ReplayStats(1, 19, 19, 1));
            assertThat(ledger.since(Instant.EPOCH)).containsExactlyElementsOf(written.subList(0, 19));
        }
    }

    @Test
    void usageSummaryFromPostgresEqualsSummaryFromSqlite() {
        try (JournaledLedger sqlite = JournaledLedger.open(cfg(dir("sqlite")));
             JournaledLedger shared = JournaledLedger.open(cfg(dir("pg")), pg)) {
            varied().forEach(sqlite::record);
            varied().forEach(shared::record);
            sqlite.flush();
            shared.flush();
        }
        for (UsageSummary.GroupBy by : UsageSummary.GroupBy.values()) {
            UsageSummary fromSqlite = UsageSummary.load(dir("sqlite"), T0, by);
            UsageSummary fromPg = UsageSummary.load(null, pg, T0, by);
            assertThat(fromPg.total().requests()).isEqualTo(6);
            assertThat(fromPg.rows()).isEqualTo(fromSqlite.rows());
            assertThat(fromPg.total()).isEqualTo(fromSqlite.total());
        }
    }

    @Test
    void usageSummaryWithPostgresCountsThisDataDirsJournalOnlyEventsOnce() throws Exception {
        try (JournaledLedger other = JournaledLedger.open(cfg(dir("other")), pg)) {
            events("db", 0, 4).forEach(other::record);
        }
        // this machine's replica was killed: one event it shares with the database, two only in its journal
        JournalFiles.writeOrphanJournal(dir("here"), 1 << 20,
                List.of(Events.simple("db0", 0), Events.simple("j1", 1), Events.simple("j2", 2)));
        UsageSummary s = UsageSummary.load(dir("here"), pg, T0, UsageSummary.GroupBy.ALIAS);
        assertThat(s.total().requests()).isEqualTo(6);
        assertThat(s.total().costNanos()).isEqualTo(6 * 1234);
        assertThat(UsageSummary.load(null, pg, T0, UsageSummary.GroupBy.ALIAS).total().requests()).isEqualTo(4);
    }

    @Test
    void migrationsAreAppliedOnceAndRecordedWhenReplicasStartTogether() throws Exception {
        CompletableFuture<JournaledLedger> a = CompletableFuture.supplyAsync(
                () -> JournaledLedger.open(cfg(dir("r1")), pg));
        CompletableFuture<JournaledLedger> b = CompletableFuture.supplyAsync(
                () -> JournaledLedger.open(cfg(dir("r2")), pg));
        a.get().close();
        b.get().close();
        JournaledLedger.open(cfg(dir("r1")), pg).close();
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT version, description FROM schema_version ORDER BY version")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getInt(1) + " " + rs.getString(2));
            }
            assertThat(rows).containsExactly("1 usage_events", "2 request facts: attribution and audit fingerprints",
                    "3 cost status (cost_unknown, unconverted) and the vendor's own currency and amount",
                    "4 the caller's key id, and covering indexes for a budget's spend",
                    "5 response cache: the verdict and a hit's saving",
                    "6 pruned spend: what retention deleted, per budget subject and UTC day",
                    "7 only the indexes a query uses; spend indexes without keyless/teamless rows",
                    "8 routing decisions' plans stored once (route_plans), rows keep the plan's id and millis");
        }
        try (Connection c = connect()) {
            assertThat(LedgerSchema.currentVersion(c)).isEqualTo(LedgerSchema.LATEST);
        }
    }

    @Test
    void sqliteAndPostgresRunTheSameNumberedMigrations() {
        for (Migrations.Step m : LedgerSchema.MIGRATIONS) {
            assertThat(m.postgres()).hasSameSizeAs(m.sqlite());
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(pg.url(), pg.user(), "");
    }
}
