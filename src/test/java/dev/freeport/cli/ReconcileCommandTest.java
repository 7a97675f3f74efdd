package dev.freeport.cli;

import dev.freeport.api.Usage;
import dev.freeport.config.LedgerConfig;
import dev.freeport.ledger.JournaledLedger;
import dev.freeport.ledger.UsageEvent;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code freeport reconcile} in-process against a real ledger in a temp data dir and an export of yesterday. */
class ReconcileCommandTest {

    private static final LocalDate YESTERDAY = LocalDate.now(ZoneOffset.UTC).minusDays(1);

    @TempDir
    Path tmp;
    Path data;
    Path config;

    @BeforeEach
    void setUp() throws Exception {
        data = tmp.resolve("data");
        config = tmp.resolve("freeport.yaml");
        Files.writeString(config, """
                providers:
                  claude: { type: anthropic, api_key: sk-test }
                models:
                  - name: smart
                    targets: [claude/claude-opus-5-5]
                ledger: { data_dir: "%s" }
                """.formatted(data.toString().replace("\\", "/")));
        // 2 requests of 1,000 in + 100 out on Opus 5.5 at $4 / $20 = $0.006 each
        Instant t = YESTERDAY.atTime(10, 0).toInstant(ZoneOffset.UTC);
        try (JournaledLedger ledger = JournaledLedger.open(new LedgerConfig(data, 10, Duration.ofMillis(20)))) {
            for (String id : new String[] {"req-1", "req-2"}) {
                ledger.record(UsageEvent.builder(id, t).caller("fp-abc1").endpoint("chat").alias("smart")
                        .target("claude", "claude-opus-5-5").attempts(1).outcome(UsageEvent.Status.OK, 200, null, null)
                        .stream(false).usage(new Usage(1_000, 100, 0, 0, 0, false)).costNanos(6_000_000L)
                        .latency(500, null).build());
            }
        }
    }

    private Path usage(long uncachedInput, long output) throws Exception {
        Path f = tmp.resolve("usage-" + uncachedInput + ".json");
        Files.writeString(f, """
                {"data": [{"starting_at": "%sT00:00:00Z", "ending_at": "%sT00:00:00Z", "results": [
                  {"uncached_input_tokens": %d, "cache_creation": {"ephemeral_1h_input_tokens": 0,
                   "ephemeral_5m_input_tokens": 0}, "cache_read_input_tokens": 0, "output_tokens": %d,
                   "model": "claude-opus-5-5"}]}], "has_more": false, "next_page": null}
                """.formatted(YESTERDAY, YESTERDAY.plusDays(1), uncachedInput, output));
        return f;
    }

    private Path cost(String cents) throws Exception {
        Path f = tmp.resolve("cost-" + cents + ".json");
        Files.writeString(f, """
                {"data": [{"starting_at": "%sT00:00:00Z", "ending_at": "%sT00:00:00Z", "results": [
                  {"currency": "USD", "amount": "%s", "cost_type": "tokens", "model": "claude-opus-5-5",
                   "token_type": "uncached_input_tokens"}]}], "has_more": false, "next_page": null}
                """.formatted(YESTERDAY, YESTERDAY.plusDays(1), cents));
        return f;
    }

    @Test
    void aBillThatMatchesTheLedgerExitsZero() throws Exception {
        AuditCommandTest.Run r = AuditCommandTest.run("reconcile", "--import", usage(2_000, 200).toString(),
                "--import", cost("1.20").toString(), "--config", config.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Reconcile anthropic (anthropic-usage-report, anthropic-cost-report)",
                "claude-opus-5-5", "0 finding(s)");
    }

    @Test
    void tokensBilledBeyondTheLedgerAreAFindingWithExitOne() throws Exception {
        AuditCommandTest.Run r = AuditCommandTest.run("reconcile", "--import", usage(52_000, 200).toString(),
                "--import", cost("21.20").toString(), "--config", config.toString(), "--json");
        assertThat(r.code()).isEqualTo(1);
        JsonObject json = new JsonObject(r.out());
        assertThat(json.getInteger("findings")).isEqualTo(1);
        assertThat(json.getString("diff_usd")).isEqualTo("0.2");
        assertThat(json.getJsonArray("rows").getJsonObject(0).getJsonArray("explanations").getString(0))
                .isEqualTo("50000 more tokens billed than recorded: traffic that bypassed the gateway");
    }

    @Test
    void theLastReconcileFindingsAreASectionOfTheAudit() throws Exception {
        AuditCommandTest.Run rec = AuditCommandTest.run("reconcile", "--import", usage(52_000, 200).toString(),
                "--import", cost("21.20").toString(), "--config", config.toString());
        assertThat(rec.code()).isEqualTo(1);
        AuditCommandTest.Run audit = AuditCommandTest.run("audit", "--json", "--config", config.toString());
        assertThat(audit.code()).as(audit.err()).isZero();
        JsonObject bill = new JsonObject(audit.out()).getJsonArray("bill").getJsonObject(0);
        assertThat(bill.getString("vendor")).isEqualTo("anthropic");
        JsonObject finding = bill.getJsonArray("findings").getJsonObject(0);
        assertThat(finding.getString("model")).isEqualTo("claude-opus-5-5");
        assertThat(finding.getString("cost_diff_usd")).isEqualTo("0.2");
        assertThat(finding.getJsonArray("explanations").getString(0))
                .isEqualTo("50000 more tokens billed than recorded: traffic that bypassed the gateway");
        AuditCommandTest.Run text = AuditCommandTest.run("audit", "--config", config.toString());
        assertThat(text.out()).contains("AGAINST THE VENDORS' BILLS", "claude-opus-5-5",
                "traffic that bypassed the gateway");
    }

    @Test
    void anExportOfUnknownShapeIsRefused() throws Exception {
        Path f = tmp.resolve("nonsense.json");
        Files.writeString(f, "{\"rows\": []}");
        AuditCommandTest.Run r = AuditCommandTest.run("reconcile", "--import", f.toString(), "--config",
                config.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("nonsense.json", "not a recognised usage or cost export");
    }

    @Test
    void aCsvWithoutAVendorNeedsTheVendorOption() throws Exception {
        Path f = tmp.resolve("console.csv");
        Files.writeString(f, "date,model,input_tokens,output_tokens,cost_usd\n" + YESTERDAY + ",m,1,1,0.01\n");
        AuditCommandTest.Run r = AuditCommandTest.run("reconcile", "--import", f.toString(), "--config",
                config.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("pass --vendor NAME");
    }
}
