package dev.freeport.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freeport.audit.AuditRecord;
import dev.freeport.ledger.CostDetail;
import dev.freeport.ledger.RequestFacts;
import dev.freeport.ledger.UsageEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's series: buckets, groups, error kinds and percentiles from known records. */
class UsageSeriesTest {
    private static final Instant FROM = Instant.parse("2026-12-01T10:00:00Z");

    private static AuditRecord event(int second, String alias, String vendor, String team, String key, long cost,
                                     UsageEvent.Status status, String errorKind, long latency, Long ttft) {
        RequestFacts facts = new RequestFacts("openai", team, null, null, null, 0, null, 1, null, null, false, null);
        UsageEvent e = new UsageEvent("req_" + second + alias, FROM.plusSeconds(second), key, "chat", alias,
                vendor + "-provider", "m", 1, status, status == UsageEvent.Status.OK ? 200 : 503, errorKind, null,
                false, null, cost, latency, ttft, facts, CostDetail.PRICED, null, null, 0);
        return new AuditRecord(e, vendor, false, false);
    }

    private static ObjectNode series() {
        List<AuditRecord> records = new ArrayList<>();
        records.add(event(5, "smart", "openai", "search", "fp-aaaaaaaa", 300, UsageEvent.Status.OK, null, 100, 40L));
        records.add(event(65, "smart", "openai", null, "anonymous", 200, UsageEvent.Status.OK, null, 200, 50L));
        records.add(event(70, "cheap", "deepseek", "search", "fp-aaaaaaaa", 7, UsageEvent.Status.OK, null, 300, null));
        records.add(event(125, "cheap", "deepseek", null, "anonymous", 0, UsageEvent.Status.FAILED,
                "upstream_unavailable", 900, null));
        records.add(event(200, "smart", "openai", null, "anonymous", 999, UsageEvent.Status.OK, null, 1, 1L));
        return UsageSeries.json(records, FROM, FROM.plusSeconds(180), 60);
    }

    @Test
    void spendIsSplitIntoBucketsAndGroupedByAliasVendorTeamAndKey() {
        JsonNode j = series();
        assertThat(j.path("buckets")).hasSize(3);
        assertThat(j.path("totals").path("cost_nanos").asLong()).isEqualTo(507);
        assertThat(j.path("totals").path("requests").asLong()).isEqualTo(4);
        JsonNode smart = j.path("spend").path("alias").get(0);
        assertThat(smart.path("key").asText()).isEqualTo("smart");
        assertThat(smart.path("series").toString()).isEqualTo("[300,200,0]");
        assertThat(j.path("spend").path("vendor").get(1).path("series").toString()).isEqualTo("[0,7,0]");
        assertThat(j.path("spend").path("team").findValuesAsText("key")).containsExactly("search", "(none)");
        assertThat(j.path("spend").path("key").get(0).path("key").asText()).isEqualTo("fp-aaaaaaaa");
    }

    @Test
    void errorsAreCountedPerBucketAndKindAndLeftOutOfLatency() {
        JsonNode j = series();
        assertThat(j.path("traffic").path("errors").toString()).isEqualTo("[0,0,1]");
        assertThat(j.path("errors").get(0).path("kind").asText()).isEqualTo("upstream_unavailable");
        assertThat(j.path("latency").path("count").asInt()).isEqualTo(3);
        assertThat(j.path("latency").path("p50_ms").asLong()).isEqualTo(200);
        assertThat(j.path("latency").path("p99_ms").asLong()).isEqualTo(300);
        assertThat(j.path("ttft").path("p50_ms").asLong()).isEqualTo(40);
    }

    @Test
    void periodSpendCountsOnlyTheCurrentPeriodsAndTotalWhenAsked() {
        List<AuditRecord> records = List.of(
                event(0, "smart", "openai", "search", "fp-aaaaaaaa", 5, UsageEvent.Status.OK, null, 1, null),
                event(-86_400 * 40, "smart", "openai", "search", "fp-aaaaaaaa", 7, UsageEvent.Status.OK, null, 1,
                        null));
        Instant now = FROM.plusSeconds(60);
        JsonNode plain = UsageSeries.periods(records, now, false);
        assertThat(plain.path("keys").path("fp-aaaaaaaa").path("day_nanos").asLong()).isEqualTo(5);
        assertThat(plain.path("teams").path("search").path("month_nanos").asLong()).isEqualTo(5);
        assertThat(plain.path("keys").path("fp-aaaaaaaa").has("total_nanos")).isFalse();
        assertThat(UsageSeries.periods(records, now, true).path("keys").path("fp-aaaaaaaa").path("total_nanos")
                .asLong()).isEqualTo(12);
    }
}
