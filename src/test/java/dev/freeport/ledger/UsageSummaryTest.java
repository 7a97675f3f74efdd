package dev.freeport.ledger;

import dev.freeport.api.Usage;
import dev.freeport.config.LedgerConfig;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.freeport.ledger.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsageSummaryTest {

    @TempDir
    Path dir;

    private static final UsageEvent A1 = Events.ok("a1", T0.plusSeconds(1), "fast", "deepseek", "deepseek-chat",
            100, 10, 5, 1_000_000, 100);
    private static final UsageEvent A2 = UsageEvent.builder("a2", T0.plusSeconds(2)).caller("master").endpoint("chat")
            .alias("fast").target("deepseek", "deepseek-chat").attempts(3)
            .outcome(UsageEvent.Status.FAILED, 502, "upstream_error", "boom").stream(false)
            .usage(new Usage(0, 0, 0, 0, 0, false)).costNanos(0).latency(300, null).build();
    private static final UsageEvent A3 = UsageEvent.builder("a3", T0.plusSeconds(3)).caller("master").endpoint("chat")
            .alias("fast").target("groq", "llama-3.3-70b-versatile").attempts(1)
            .outcome(UsageEvent.Status.CUT, 200, "stream_cut", null).stream(true)
            .usage(new Usage(40, 20, 0, 0, 0, true)).costNanos(123_456_789).latency(200, 30L).build();
    private static final UsageEvent B1 = Events.ok("b1", T0.plusSeconds(4), "smart", "anthropic",
            "claude-sonnet-4-5", 1234, 567, 200, 11_667_000, 1000);
    private static final UsageEvent B2 = UsageEvent.builder("b2", T0.plusSeconds(5)).caller("master").endpoint("chat")
            .alias("smart").target("anthropic", "claude-sonnet-4-5").attempts(1)
            .outcome(UsageEvent.Status.CANCELLED, 499, "cancelled", null).stream(true)
            .usage(new Usage(7, 1, 0, 0, 0, false)).costNanos(5).latency(50, null).build();
    private static final UsageEvent OLD = Events.ok("old", T0.minusSeconds(1), "fast", "deepseek", "x", 1, 1, 0,
            999_999_999, 1);
    private static final List<UsageEvent> ALL = List.of(A1, A2, A3, B1, B2, OLD);

    private static void assertKnownFigures(UsageSummary s) {
        assertThat(s.rows()).containsExactly(
                new UsageSummary.Row("fast", 3, 1, 1, 1, 0, 140, 30, 5, 124_456_789, 200),
                new UsageSummary.Row("smart", 2, 1, 0, 0, 1, 1241, 568, 200, 11_667_005, 50));
        assertThat(s.total()).isEqualTo(
                new UsageSummary.Row("TOTAL", 5, 2, 1, 1, 1, 1381, 598, 205, 136_123_794, 200));
    }

    @Test
    void groupsByAliasWithExactTotals() {
        assertKnownFigures(UsageSummary.of(ALL, T0, UsageSummary.GroupBy.ALIAS));
    }

    @Test
    void shadowRequestsAreRowsOfTheirOwn() {
        UsageEvent shadow = A1.toBuilder("s1").caller("shadow").endpoint("shadow").costNanos(7).build();
        UsageSummary s = UsageSummary.of(List.of(A1, shadow), T0, UsageSummary.GroupBy.ALIAS);
        assertThat(s.rows()).extracting(UsageSummary.Row::key).containsExactlyInAnyOrder("fast", "fast (shadow)");
        assertThat(s.rows()).filteredOn(r -> r.key().equals("fast (shadow)")).singleElement()
                .extracting(UsageSummary.Row::costNanos).isEqualTo(7L);
    }

    @Test
    void groupsByProviderAndModel() {
        UsageSummary byProvider = UsageSummary.of(ALL, T0, UsageSummary.GroupBy.PROVIDER);
        assertThat(byProvider.rows()).extracting(UsageSummary.Row::key)
                .containsExactly("groq", "anthropic", "deepseek");
        UsageSummary byModel = UsageSummary.of(ALL, T0, UsageSummary.GroupBy.MODEL);
        assertThat(byModel.rows()).filteredOn(r -> r.key().equals("deepseek-chat")).singleElement()
                .extracting(UsageSummary.Row::requests).isEqualTo(2L);
    }

    @Test
    void loadsFromDatabaseAndOrphanJournalCountingEachIdOnce() throws Exception {
        try (JournaledLedger ledger = JournaledLedger.open(new LedgerConfig(dir, 10, Duration.ofHours(1)))) {
            List.of(A1, A2, B1, OLD).forEach(ledger::record);
        }
        // left by a killed process: two new events and one already in the database
        JournalFiles.writeOrphanJournal(dir, 1 << 20, List.of(A3, B2, A1));
        assertKnownFigures(UsageSummary.load(dir, T0, UsageSummary.GroupBy.ALIAS));
    }

    @Test
    void seesJournalOnlyEventsOfARunningGateway() {
        try (JournaledLedger running = JournaledLedger.open(new LedgerConfig(dir, 1000, Duration.ofHours(1)))) {
            ALL.forEach(running::record);
            assertKnownFigures(UsageSummary.load(dir, T0, UsageSummary.GroupBy.ALIAS));
            running.flush();
            assertKnownFigures(UsageSummary.load(dir, T0, UsageSummary.GroupBy.ALIAS));
        }
    }

    @Test
    void emptyDataDirGivesZeroTotal() {
        UsageSummary s = UsageSummary.load(dir.resolve("nothing"), T0, UsageSummary.GroupBy.ALIAS);
        assertThat(s.rows()).isEmpty();
        assertThat(s.total().requests()).isZero();
    }

    @Test
    void rendersAlignedTable() {
        String table = UsageSummary.of(ALL, T0, UsageSummary.GroupBy.ALIAS).toTable();
        List<String> lines = table.lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).startsWith("ALIAS").endsWith("P50_MS");
        assertThat(lines.get(1)).startsWith("fast ").contains("$0.124457").endsWith("200");
        assertThat(lines.get(4)).startsWith("TOTAL").contains("$0.136124");
        assertThat(lines).extracting(String::length).containsOnly(lines.get(0).length());
    }

    @Test
    void rendersJsonWithExactCosts() {
        JsonObject json = new JsonObject(UsageSummary.of(ALL, T0, UsageSummary.GroupBy.ALIAS).toJson());
        assertThat(json.getString("by")).isEqualTo("alias");
        assertThat(json.getJsonObject("total").getLong("cost_nanos")).isEqualTo(136_123_794L);
        assertThat(json.getJsonObject("total").getString("cost_usd")).isEqualTo("0.136123794");
        assertThat(json.getJsonArray("rows").getJsonObject(1).getLong("p50_latency_ms")).isEqualTo(50L);
    }

    @Test
    void formatsCostsInDollars() {
        assertThat(UsageSummary.formatCost(11_667_000)).isEqualTo("$0.011667");
        assertThat(UsageSummary.formatCost(1_500_000_000L)).isEqualTo("$1.50");
        assertThat(UsageSummary.formatCost(10_000_000)).isEqualTo("$0.01");
        assertThat(UsageSummary.formatCost(0)).isEqualTo("$0.00");
        assertThat(UsageSummary.formatCost(400)).isEqualTo("<$0.000001");
    }

    @Test
    void parsesSinceDurations() {
        assertThat(UsageSummary.parseSince("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(UsageSummary.parseSince("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(UsageSummary.parseSince("24h")).isEqualTo(Duration.ofHours(24));
        assertThat(UsageSummary.parseSince("7d")).isEqualTo(Duration.ofDays(7));
        assertThatThrownBy(() -> UsageSummary.parseSince("24")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sinceSpeaksTheConfigsDurationSyntax() {
        assertThat(UsageSummary.parseSince("1w")).isEqualTo(Duration.ofDays(7));
        assertThat(UsageSummary.parseSince("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThatThrownBy(() -> UsageSummary.parseSince("a week")).hasMessageContaining("is not a duration (write e.g.");
    }

    @Test
    void sinceExcludesOlderEvents() {
        UsageSummary s = UsageSummary.of(ALL, T0.plusSeconds(4), UsageSummary.GroupBy.ALIAS);
        assertThat(s.total().requests()).isEqualTo(2);
        assertThat(s.since()).isEqualTo(Instant.parse("2026-11-01T10:00:04Z"));
    }

    @Test
    void trafficWithoutAPriceIsItsOwnLineNotZeroDollars() {
        UsageEvent unpriced = Events.ok("u1", T0.plusSeconds(6), "local", "vllm", "house-7b", 300, 30, 0, 0, 10)
                .toBuilder().cost(CostDetail.UNKNOWN).build();
        assertThat(UsageSummary.of(List.of(A1), T0, UsageSummary.GroupBy.ALIAS).toTable()).doesNotContain("UNKNOWN");
        UsageSummary s = UsageSummary.of(List.of(A1, unpriced), T0, UsageSummary.GroupBy.ALIAS);
        assertThat(s.unpriced()).isEqualTo(new UsageSummary.Unpriced(1, 300, 30, List.of("vllm/house-7b")));
        assertThat(s.total().unpriced()).isEqualTo(1);
        assertThat(s.toTable()).contains("COST UNKNOWN  1 request(s), 300 input / 30 output tokens")
                .contains("vllm/house-7b");
        JsonObject json = new JsonObject(s.toJson());
        assertThat(json.getJsonObject("cost_unknown").getLong("requests")).isEqualTo(1);
        assertThat(json.getJsonObject("total").getLong("cost_unknown")).isEqualTo(1);
    }
}
