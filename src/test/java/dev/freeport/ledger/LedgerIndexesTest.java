package dev.freeport.ledger;

import dev.freeport.config.LedgerConfig;
import dev.freeport.config.StoreConfig;
import dev.freeport.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * usage_events carries only the indexes a ledger query uses (each index is written on every insert), and every
 * ledger query keeps its index.
 */
class LedgerIndexesTest {
    @TempDir
    Path dir;

    private static final List<String> NEEDED = List.of("usage_events_key_spend", "usage_events_pkey",
            "usage_events_team_spend", "usage_events_time");

    /** Each ledger query with the index its plan must use. */
    private static final Map<String, String> PLANS = Map.of(
            LedgerDb.SINCE, "USING INDEX usage_events_time",
            "SELECT * FROM usage_events WHERE id = 'x'", "USING INDEX sqlite_autoindex_usage_events_1",
            SpendSince.BY_KEY, "USING COVERING INDEX usage_events_key_spend",
            SpendSince.BY_TEAM, "USING COVERING INDEX usage_events_team_spend",
            ProviderTotals.SQL, "USING INDEX usage_events_time",
            PrunedEvents.BEFORE, "USING INDEX usage_events_time",
            PrunedEvents.TIME_AT, "USING COVERING INDEX usage_events_time",
            PrunedSpend.DELETE, "USING INDEX usage_events_time (time_ms<?)");

    @Test
    void sqliteKeepsOnlyTheIndexesAQueryUses() throws Exception {
        JournaledLedger.open(new LedgerConfig(dir, 16, Duration.ofHours(1))).close();
        try (Connection c = sqlite()) {
            List<String> names = strings(c, "SELECT name FROM sqlite_master WHERE type = 'index' "
                    + "AND tbl_name = 'usage_events' ORDER BY name");
            assertThat(names).containsExactly("sqlite_autoindex_usage_events_1", "usage_events_key_spend",
                    "usage_events_team_spend", "usage_events_time");
        }
    }

    @Test
    void everyLedgerQueryUsesAnIndexInSqlite() throws Exception {
        JournaledLedger.open(new LedgerConfig(dir, 16, Duration.ofHours(1))).close();
        try (Connection c = sqlite()) {
            for (Map.Entry<String, String> q : PLANS.entrySet()) {
                String sql = q.getKey().replace("?", "1");
                String plan = String.join("\n", strings(c, "EXPLAIN QUERY PLAN " + sql, 4));
                assertThat(plan).as(sql).contains(q.getValue());
            }
        }
    }

    @Test
    void postgresKeepsOnlyTheIndexesAQueryUses() throws Exception {
        try (PostgresServer server = PostgresServer.start()) {
            String db = server.newDatabase();
            JournaledLedger.open(new LedgerConfig(dir, 16, Duration.ofHours(1)),
                    new StoreConfig(StoreConfig.Kind.POSTGRES, db, server.user(), null, 2)).close();
            try (Connection c = DriverManager.getConnection(db, server.user(), null)) {
                assertThat(strings(c, "SELECT indexname FROM pg_indexes WHERE tablename = 'usage_events' "
                        + "ORDER BY indexname")).containsExactlyElementsOf(NEEDED);
                assertThat(strings(c, "SELECT indexdef FROM pg_indexes WHERE indexname LIKE '%_spend' "
                        + "ORDER BY indexname")).allSatisfy(def -> assertThat(def).contains("IS NOT NULL"));
            }
        }
    }

    private Connection sqlite() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("freeport.db"));
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        return strings(c, sql, 1);
    }

    private static List<String> strings(Connection c, String sql, int column) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(column));
            }
        }
        return out;
    }
}
