package dev.freeport.ledger;

import dev.freeport.store.Migrations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link RoutePlans}: a decision's plan stored once in SQLite, every row reading back its own decision's text. */
class RoutePlansTest {

    private static final String HEAD = "{\"strategy\":\"ordered\",\"candidates\":[{\"target\":\"fast/m\",\"vendor\":"
            + "\"fast\",\"rank\":1}],\"chosen\":\"fast/m\",\"attempts\":[{\"millis\":";
    private static final String TAIL = "}]}";

    @TempDir
    Path tmp;

    static UsageEvent decided(int n, String decision) {
        return Events.simple("r" + (1000 + n), n).toBuilder()
                .facts(Events.FACTS.withDecision(decision)).build();
    }

    private static List<UsageEvent> served(int from, int to) {
        List<UsageEvent> events = new ArrayList<>();
        for (int i = from; i < to; i++) {
            events.add(decided(i, HEAD + (i * 7 % 1000) + TAIL));
        }
        return events;
    }

    private long count(LedgerDb db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("freeport.db"));
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aPlanSeenTwiceIsStoredOnceAndEveryRowReadsBackItsOwnDecision() throws Exception {
        List<UsageEvent> events = served(0, 300);
        try (LedgerDb db = LedgerDb.openWritable(tmp.resolve("freeport.db"))) {
            db.insert(events.subList(0, 100));
            db.insert(events.subList(100, 300));
            assertThat(db.since(Instant.EPOCH)).containsExactlyElementsOf(events);
            assertThat(db.byId("r1042")).contains(events.get(42));
            assertThat(count(db, "SELECT COUNT(*) FROM route_plans")).isEqualTo(1);
            assertThat(count(db, "SELECT COUNT(*) FROM usage_events WHERE decision IS NULL")).isEqualTo(299);
        }
    }

    @Test
    void aDecisionSeenOnceStaysWholeInItsRow() throws Exception {
        List<UsageEvent> events = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            events.add(decided(i, "{\"strategy\":\"cheapest\",\"complexity\":{\"score\":" + i + "},"
                    + "\"attempts\":[{\"millis\":12}]}"));
        }
        try (LedgerDb db = LedgerDb.openWritable(tmp.resolve("freeport.db"))) {
            db.insert(events);
            assertThat(db.since(Instant.EPOCH)).containsExactlyElementsOf(events);
            assertThat(count(db, "SELECT COUNT(*) FROM route_plans")).isZero();
            assertThat(count(db, "SELECT COUNT(*) FROM usage_events WHERE decision IS NULL")).isZero();
        }
    }

    @Test
    void aDecisionWhoseMillisWouldNotReadBackAsWrittenStaysWhole() throws Exception {
        List<UsageEvent> events = new ArrayList<>();
        String[] odd = {"{\"attempts\":[]}", HEAD + "007" + TAIL, HEAD + "-0" + TAIL, HEAD + TAIL,
                HEAD + "1234567890123456789012" + TAIL, "cheapest of 3"};
        for (int i = 0; i < 3 * odd.length; i++) {
            events.add(decided(i, odd[i % odd.length]));
        }
        try (LedgerDb db = LedgerDb.openWritable(tmp.resolve("freeport.db"))) {
            db.insert(events);
            assertThat(db.since(Instant.EPOCH)).containsExactlyElementsOf(events);
            assertThat(count(db, "SELECT COUNT(*) FROM route_plans")).isZero();
        }
    }

    @Test
    void aNegativeOrZeroMillisIsKeptBesideItsPlan() throws Exception {
        List<UsageEvent> events = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            events.add(decided(i, HEAD + (i % 2 == 0 ? "0" : "-" + i) + TAIL));
        }
        try (LedgerDb db = LedgerDb.openWritable(tmp.resolve("freeport.db"))) {
            db.insert(events);
            assertThat(db.since(Instant.EPOCH)).containsExactlyElementsOf(events);
            assertThat(count(db, "SELECT COUNT(*) FROM usage_events WHERE decision IS NULL")).isEqualTo(5);
        }
    }

    @Test
    void aRolledBackTransactionForgetsThePlansItStored() throws Exception {
        List<UsageEvent> events = served(0, 20);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("freeport.db"))) {
            LedgerSchema.migrate(c);
            try (RowInserts inserts = new RowInserts(c, RowInserts.Dialect.SQLITE)) {
                c.setAutoCommit(false);
                inserts.insert(events.subList(0, 10));
                c.rollback();
                inserts.rolledBack();
                inserts.insert(events.subList(10, 20));
                c.commit();
                inserts.committed();
                c.setAutoCommit(true);
            }
        }
        try (LedgerDb db = LedgerDb.openWritable(tmp.resolve("freeport.db"))) {
            assertThat(db.since(Instant.EPOCH)).containsExactlyElementsOf(events.subList(10, 20));
        }
    }

    @Test
    void aLedgerOfTheStepSevenSchemaIsMigratedAndItsRowsReadBackTheSame() throws Exception {
        Path file = tmp.resolve("freeport.db");
        List<UsageEvent> old = List.of(decided(0, HEAD + 5 + TAIL), decided(1, HEAD + 6 + TAIL),
                Events.simple("r2000", 2));
        String columns = EventRows.COLUMNS.replace(", plan_id, plan_millis", "");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            Migrations.apply(c, LedgerSchema.SCHEMA, Migrations.Dialect.SQLITE, 7);
            for (UsageEvent e : old) { // the step-7 columns; the plan's two NULLs bound only to the WHERE
                try (var ps = c.prepareStatement("INSERT INTO usage_events (" + columns + ") SELECT ?"
                        + ",?".repeat(EventRows.WIDTH - 3) + " WHERE ? IS NULL AND ? IS NULL")) {
                    EventRows.bind(ps, e);
                    assertThat(ps.executeUpdate()).isEqualTo(1);
                }
            }
        }
        List<UsageEvent> later = served(3, 6);
        try (LedgerDb db = LedgerDb.openWritable(file)) {
            assertThat(db.since(Instant.EPOCH)).containsExactlyElementsOf(old);
            db.insert(later);
            List<UsageEvent> all = new ArrayList<>(old);
            all.addAll(later);
            assertThat(db.since(Instant.EPOCH)).containsExactlyElementsOf(all);
            assertThat(count(db, "SELECT COUNT(*) FROM usage_events WHERE plan_id IS NOT NULL")).isEqualTo(2);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertThat(LedgerSchema.currentVersion(c)).isEqualTo(8);
        }
    }
}
