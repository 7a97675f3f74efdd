package dev.freeport.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.freeport.api.Usage;
import dev.freeport.config.LedgerConfig;
import dev.freeport.ledger.JournaledLedger;
import dev.freeport.ledger.RequestFacts;
import dev.freeport.ledger.UsageEvent;
import dev.freeport.route.RouteDecision;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code freeport explain} and {@code freeport drill} run in-process against a real ledger in a temp data dir. */
class ExplainAndDrillCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant RECENT = Instant.now().minus(Duration.ofHours(2));

    @TempDir
    Path tmp;
    Path data;
    Path config;

    @BeforeEach
    void writeConfig() throws Exception {
        data = tmp.resolve("data");
        config = tmp.resolve("freeport.yaml");
        Files.writeString(config, """
                providers:
                  ds:  { type: openai, preset: deepseek, api_key: sk-test }
                  oai: { type: openai, preset: openai, api_key: sk-test }
                models:
                  - name: chat
                    targets: [ds/deepseek-chat, oai/gpt-4o-mini]
                  - name: cheap
                    targets: [ds/deepseek-chat]
                  - name: smart
                    targets: [oai/gpt-4o]
                prices:
                  "ds/deepseek-chat": { input: 0.27, output: 1.10 }
                  "oai/gpt-4o-mini":  { input: 0.15, output: 0.60 }
                ledger: { data_dir: "%s" }
                """.formatted(data.toString().replace("\\", "/")));
    }

    private static UsageEvent event(String id, Instant time, String alias, String provider, String model, long in,
                                    long out, long cost, long latency, RequestFacts facts) {
        return UsageEvent.builder(id, time).caller("fp-abc1").endpoint("chat").alias(alias).target(provider, model)
                .attempts(1).outcome(UsageEvent.Status.OK, 200, null, null).stream(true)
                .usage(new Usage(in, out, 0, 0, 0, false)).costNanos(cost).latency(latency, latency / 3).facts(facts)
                .build();
    }

    private void record(UsageEvent... events) {
        try (JournaledLedger ledger = JournaledLedger.open(new LedgerConfig(data, 10, Duration.ofMillis(20)))) {
            for (UsageEvent e : events) {
                ledger.record(e);
            }
        }
    }

    private static RouteDecision decision() {
        return new RouteDecision("cheapest", "internal", new RouteDecision.Complexity(0.72, 0.55, true, "minilm"),
                List.of(new RouteDecision.Candidate("ds/deepseek-chat", "deepseek", 1, null, "est. $0.000820"),
                        new RouteDecision.Candidate("oai/gpt-4o-mini", "openai", 2, null, "est. $0.000450"),
                        new RouteDecision.Candidate("claude/claude-opus", "anthropic", null,
                                "data class internal not allowed", null)),
                "ds/deepseek-chat", "concentration cap: deepseek at 40% of spend");
    }

    private static RequestFacts facts(String decisionJson) {
        return new RequestFacts("openai", "search", "prod", "h1", null, 0, "k1", 3, 256, "stop", false,
                decisionJson);
    }

    @Test
    void explainPrintsTheEventAndItsDecisionTable() {
        record(event("req-1", RECENT, "chat", "ds", "deepseek-chat", 1000, 500, 820_000, 420,
                facts(decision().toJson())));
        AuditCommandTest.Run r = AuditCommandTest.run("explain", "req-1", "--config", config.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("fp-abc1  (team search)", "ds/deepseek-chat  (1 attempt)", "OK 200",
                "latency     420 ms, ttft 140 ms", "1000 in, 500 out", "$0.00082", "strategy    cheapest",
                "data class  internal", "score 0.720 >= threshold 0.550: hard", "chosen      ds/deepseek-chat",
                "concentration cap: deepseek at 40% of spend");
        assertThat(r.out()).containsPattern("excluded +claude/claude-opus +anthropic +- +data class internal");
        assertThat(r.out()).containsPattern("2 +oai/gpt-4o-mini +openai +est\\. \\$0\\.000450");
    }

    @Test
    void explainListsEveryAttemptWithItsErrorAndTime() {
        RouteDecision d = decision();
        RouteDecision withAttempts = new RouteDecision(d.strategy(), d.dataClass(), d.complexity(), d.candidates(),
                d.chosen(), d.note(), List.of(new RouteDecision.Tried("oai/gpt-4o-mini", "503 server_error (busy)",
                        812), new RouteDecision.Tried("ds/deepseek-chat", null, 140)));
        record(event("req-3", RECENT, "chat", "ds", "deepseek-chat", 10, 5, 100, 950, facts(withAttempts.toJson())));
        AuditCommandTest.Run r = AuditCommandTest.run("explain", "req-3", "--config", config.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).containsPattern("1 +oai/gpt-4o-mini +812 ms +503 server_error \\(busy\\)")
                .containsPattern("2 +ds/deepseek-chat +140 ms +ok");
    }

    @Test
    void explainJsonCarriesTheEventAndTheRawDecision() throws Exception {
        record(event("req-2", RECENT, "chat", "ds", "deepseek-chat", 10, 5, 100, 90, facts(decision().toJson())));
        AuditCommandTest.Run r = AuditCommandTest.run("explain", "req-2", "--data-dir", data.toString(), "--json");
        assertThat(r.code()).isZero();
        JsonNode root = JSON.readTree(r.out());
        assertThat(root.path("event").path("cost_nanos").asLong()).isEqualTo(100);
        assertThat(root.path("event").path("team").asText()).isEqualTo("search");
        assertThat(root.path("decision").path("candidates").get(2).path("excluded").asText())
                .isEqualTo("data class internal not allowed");
        assertThat(RouteDecision.fromJson(root.path("decision").toString())).isEqualTo(decision());
    }

    @Test
    void drillDemoUsesTheBuiltInDemosAliases() {
        record(event("req-9", RECENT, "smart", "frontierlab", "frontier-sim", 10, 5, 100, 90, RequestFacts.NONE));
        AuditCommandTest.Run r = AuditCommandTest.run("drill", "--vendor", "frontierlab", "--demo", "--data-dir",
                data.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("smart +1 +1 +fall back +opencloud/open-large-sim")
                .containsPattern("cheap +0 +0 +unaffected").contains("auto", "thrifty", "no alias would fail");
    }

    @Test
    void explainOfAnUnknownIdSaysSoAndExitsOne() {
        record(event("req-3", RECENT, "chat", "ds", "deepseek-chat", 10, 5, 100, 90, RequestFacts.NONE));
        AuditCommandTest.Run r = AuditCommandTest.run("explain", "nope", "--data-dir", data.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("no request nope in the ledger");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void explainSaysACostIsUnknownAndShowsAYuanAmount() {
        record(event("req-u", RECENT, "cheap", "local", "house-7b", 10, 5, 0, 90, RequestFacts.NONE).toBuilder()
                        .cost(dev.freeport.ledger.CostDetail.UNKNOWN).build(),
                event("req-y", RECENT, "cheap", "dscn", "deepseek-flash", 10, 5, 39_200_000, 90, RequestFacts.NONE)
                        .toBuilder().cost(dev.freeport.ledger.CostDetail.original("CNY", 280_000_000, true)).build());
        assertThat(AuditCommandTest.run("explain", "req-u", "--data-dir", data.toString()).out())
                .contains("cost        unknown (cost_unknown)");
        assertThat(AuditCommandTest.run("explain", "req-y", "--data-dir", data.toString()).out())
                .contains("cost        $0.0392, billed as 0.28 CNY");
    }

    @Test
    void explainOfAnEventWithoutDecisionStillPrintsTheEvent() {
        record(event("req-4", RECENT, "cheap", "ds", "deepseek-chat", 10, 5, 100, 90, RequestFacts.NONE));
        AuditCommandTest.Run r = AuditCommandTest.run("explain", "req-4", "--data-dir", data.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("alias       cheap", "no routing decision recorded");
    }

    @Test
    void drillReportsFailFallbackAndUnaffectedAliasesFromTheLedger() throws Exception {
        record(event("a", RECENT, "chat", "ds", "deepseek-chat", 1000, 500, 820_000, 400, RequestFacts.NONE),
                event("b", RECENT, "chat", "oai", "gpt-4o-mini", 100, 100, 75_000, 700, RequestFacts.NONE),
                event("c", RECENT, "cheap", "ds", "deepseek-chat", 1000, 0, 270_000, 300, RequestFacts.NONE),
                event("d", RECENT, "smart", "oai", "gpt-4o", 100, 10, 5_000, 900, RequestFacts.NONE),
                event("old", RECENT.minus(Duration.ofDays(8)), "cheap", "ds", "deepseek-chat", 1, 1, 9, 1,
                        RequestFacts.NONE));
        AuditCommandTest.Run text = AuditCommandTest.run("drill", "--vendor", "deepseek", "--config",
                config.toString());
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).containsPattern("chat +2 +1 +fall back +oai/gpt-4o-mini +-\\$0\\.00037 \\(-41\\.3%\\) +\\+300 ms, ttft \\+100 ms")
                .containsPattern("cheap +1 +1 +FAIL")
                .containsPattern("smart +1 +0 +unaffected")
                .contains("Totals: 4 requests, 2 via deepseek (50.0% of requests",
                        "1 request would fail (25.0% of all traffic)",
                        "If deepseek went down, 1 of 3 aliases would fail");

        AuditCommandTest.Run json = AuditCommandTest.run("drill", "--vendor", "deepseek", "--days", "7",
                "--config", config.toString(), "--json");
        assertThat(json.code()).isZero();
        JsonNode chat = JSON.readTree(json.out()).path("aliases").get(0);
        assertThat(chat.path("cost_then_nanos").asLong()).isEqualTo(895_000);
        assertThat(chat.path("cost_now_nanos").asLong()).isEqualTo(450_000 + 75_000);
        assertThat(JSON.readTree(json.out()).path("totals").path("failing_requests").asLong()).isEqualTo(1);
    }

    @Test
    void drillOfAVendorNobodyUsesListsTheConfiguredVendors() {
        record(event("a", RECENT, "chat", "ds", "deepseek-chat", 1, 1, 1, 1, RequestFacts.NONE));
        AuditCommandTest.Run r = AuditCommandTest.run("drill", "--vendor", "mistral", "--config", config.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("configured vendors: deepseek, openai");
    }

    @Test
    void drillOfATypoedVendorSuggestsTheConfiguredOne() {
        record(event("a", RECENT, "chat", "ds", "deepseek-chat", 1, 1, 1, 1, RequestFacts.NONE));
        AuditCommandTest.Run r = AuditCommandTest.run("drill", "--vendor", "deepsek", "--config", config.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("(did you mean \"deepseek\"?)");
    }

    @Test
    void explainOfARequestRejectedBeforeRoutingSaysWhy() {
        record(UsageEvent.builder("req-5", RECENT).caller("anonymous").endpoint("chat").alias(null).target(null, null)
                .attempts(0)
                .outcome(UsageEvent.Status.FAILED, 413, "request_too_large", "Request body is larger than 16MiB.")
                .stream(false).usage(new Usage(0, 0, 0, 0, 0, false)).costNanos(0).latency(3, null)
                .facts(RequestFacts.NONE).build());
        AuditCommandTest.Run r = AuditCommandTest.run("explain", "req-5", "--data-dir", data.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("rejected before routing: 413 request_too_large: Request body is larger than"
                + " 16MiB.").doesNotContain("newer gateways");
    }
}
