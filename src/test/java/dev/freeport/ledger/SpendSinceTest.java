package dev.freeport.ledger;

import dev.freeport.config.LedgerConfig;
import dev.freeport.config.StoreConfig;
import dev.freeport.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.freeport.ledger.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** What a key or a team spent in a time range, from the ledger (where a budget's counter starts). */
class SpendSinceTest {
    @TempDir
    Path dir;

    private static final List<Instant> STARTS = List.of(T0.minus(Duration.ofHours(1)), T0.minus(Duration.ofDays(3)),
            Instant.EPOCH);

    private static UsageEvent spend(String id, Instant time, String keyId, String team, long cost) {
        return Events.simple(id, 0).toBuilder().time(time).keyId(keyId).caller("fp-" + id)
                .facts(RequestFacts.NONE.withAttribution(team, null)).costNanos(cost).build();
    }

    private static void recordSome(Ledger ledger) {
        ledger.record(spend("a", T0, "key_1", "search", 100));                         // in all three
        ledger.record(spend("b", T0.minus(Duration.ofDays(1)), "key_1", "search", 20)); // not the last hour
        ledger.record(spend("c", T0.minus(Duration.ofDays(10)), "key_1", null, 3));     // total only
        ledger.record(spend("d", T0, "key_2", "search", 1000));
        ledger.record(spend("e", T0, null, null, 5));                                   // shadow: nobody's
    }

    private static void assertSums(Ledger l) {
        Instant until = T0.plusSeconds(1);
        assertThat(l.spendOf("key:key_1", STARTS.get(0), until)).isEqualTo(100);
        assertThat(l.spendOf("key:key_1", STARTS.get(1), until)).isEqualTo(120);
        assertThat(l.spendOf("key:key_1", STARTS.get(2), until)).isEqualTo(123);
        assertThat(l.spendOf("key:key_1", STARTS.get(2), T0)).isEqualTo(23); // before until only
        assertThat(l.spendOf("key:key_2", STARTS.get(0), until)).isEqualTo(1000);
        assertThat(l.spendOf("team:search", STARTS.get(0), until)).isEqualTo(1100);
        assertThat(l.spendOf("team:search", STARTS.get(2), until)).isEqualTo(1120);
        assertThat(l.spendOf("key:nobody", STARTS.get(2), until)).isZero();
        assertThat(l.spendOf("shadow", STARTS.get(2), until)).isZero();
    }

    @Test
    void sumsAKeysAndATeamsSpendInSqliteAfterAJournalReplay() {
        LedgerConfig cfg = new LedgerConfig(dir, 16, Duration.ofHours(1));
        try (JournaledLedger ledger = JournaledLedger.open(cfg)) {
            recordSome(ledger);
        }
        try (JournaledLedger reopened = JournaledLedger.open(cfg)) {
            assertSums(reopened);
        }
    }

    @Test
    void sumsAKeysAndATeamsSpendInPostgres() {
        try (PostgresServer server = PostgresServer.start();
             JournaledLedger ledger = JournaledLedger.open(new LedgerConfig(dir, 16, Duration.ofHours(1)),
                     new StoreConfig(StoreConfig.Kind.POSTGRES, server.newDatabase(), server.user(), null, 2))) {
            recordSome(ledger);
            ledger.flush();
            assertSums(ledger);
        }
    }

    @Test
    void sqliteAnswersTheSumsFromTheCoveringIndex() throws Exception {
        JournaledLedger.open(new LedgerConfig(dir, 16, Duration.ofHours(1))).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("freeport.db"));
             PreparedStatement ps = c.prepareStatement("EXPLAIN QUERY PLAN SELECT COALESCE(SUM(cost_nanos), 0) "
                     + "FROM usage_events WHERE key_id = 'k' AND time_ms >= 0 AND time_ms < 1");
             ResultSet rs = ps.executeQuery()) {
            StringBuilder plan = new StringBuilder();
            while (rs.next()) {
                plan.append(rs.getString(4)).append('\n');
            }
            assertThat(plan.toString()).contains("USING COVERING INDEX usage_events_key_spend");
        }
    }
}
