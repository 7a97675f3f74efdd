package dev.freeport.ledger;

import dev.freeport.config.LedgerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The budgets' start-up read on a ledger of a million events (1,000 keys, 50 teams, 60 days): run with
 * {@code -Dfreeport.scale=true}; prints the time (docs/OPERATIONS.md quotes it).
 */
@EnabledIfSystemProperty(named = "freeport.scale", matches = "true")
class SpendSinceScaleTest {
    @TempDir
    Path dir;

    @Test
    void readsTheBaselineOfAMillionEvents() throws Exception {
        LedgerConfig cfg = new LedgerConfig(dir, 16, Duration.ofHours(1));
        JournaledLedger.open(cfg).close();
        Instant now = Instant.parse("2026-12-04T21:00:00Z");
        int n = 1_000_000;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("freeport.db"))) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO usage_events (" + EventRows.COLUMNS
                    + ") VALUES (" + String.join(",", java.util.Collections.nCopies(EventRows.WIDTH, "?")) + ")")) {
                for (int i = 0; i < n; i++) {
                    UsageEvent e = Events.simple("e" + i, 0).toBuilder()
                            .time(now.minusMillis((long) i * 60L * 86_400_000L / n)).keyId("key_" + (i % 1000))
                            .facts(RequestFacts.NONE.withAttribution("team" + (i % 50), null)).costNanos(1000).build();
                    EventRows.bind(ps, e);
                    ps.addBatch();
                    if (i % 10_000 == 9_999) {
                        ps.executeBatch();
                    }
                }
            }
            c.commit();
        }
        try (JournaledLedger ledger = JournaledLedger.open(cfg)) {
            for (String subject : List.of("key:key_7", "team:team7")) {
                for (Instant since : List.of(now.minus(Duration.ofHours(21)), now.minus(Duration.ofDays(3)),
                        Instant.EPOCH)) {
                    long t0 = System.nanoTime();
                    long spent = ledger.spendOf(subject, since, now.plusSeconds(1));
                    double ms = (System.nanoTime() - t0) / 1e6;
                    System.out.printf("spendOf(%s, since %s) over %d events: %d in %.2f ms%n", subject, since, n,
                            spent, ms);
                    assertThat(spent).isPositive();
                }
            }
        }
    }
}
