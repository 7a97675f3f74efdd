package dev.freeport.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogCommandTest {

    @Test
    void importThenListShowsTheImportedModels(@TempDir Path dir) throws Exception {
        Path src = Path.of(CatalogCommandTest.class.getResource("/catalog/litellm-excerpt.json").toURI());
        AuditCommandTest.Run imp = AuditCommandTest.run("catalog", "import", src.toString(), "--data-dir",
                dir.toString());
        assertThat(imp.code()).isZero();
        assertThat(imp.out()).contains("imported 4 models (2 skipped)");
        AuditCommandTest.Run list = AuditCommandTest.run("catalog", "list", "--data-dir", dir.toString());
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("Qwen/Qwen3-Next-80B-A3B-Instruct", "claude-sonnet-4-5", "CN / SG");
    }

    @Test
    void checkListsAModelTheLedgerSawWithoutAPriceAndExitsOne(@TempDir Path dir) throws Exception {
        java.time.Instant t = java.time.Instant.now().minusSeconds(3600);
        try (var ledger = dev.freeport.ledger.JournaledLedger.open(new dev.freeport.config.LedgerConfig(dir, 10,
                java.time.Duration.ofMillis(20)))) {
            for (String id : new String[] {"r1", "r2"}) {
                ledger.record(dev.freeport.ledger.UsageEvent.builder(id, t).caller("master").endpoint("chat")
                        .alias("local").target("gpu", "house-model-7b").attempts(1)
                        .outcome(dev.freeport.ledger.UsageEvent.Status.OK, 200, null, null)
                        .usage(dev.freeport.api.Usage.of(1_000, 100)).costNanos(0)
                        .cost(dev.freeport.ledger.CostDetail.UNKNOWN).latency(10, null).build());
            }
            ledger.record(dev.freeport.ledger.UsageEvent.builder("r3", t).caller("master").endpoint("chat")
                    .alias("smart").target("openai", "gpt-4o").attempts(1)
                    .outcome(dev.freeport.ledger.UsageEvent.Status.OK, 200, null, null)
                    .usage(dev.freeport.api.Usage.of(1_000, 100)).costNanos(3_500_000).latency(10, null).build());
        }
        Path litellm = dir.resolveSibling(dir.getFileName() + "-litellm.json");
        java.nio.file.Files.writeString(litellm, """
                {"gpt-4o": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 9e-06,
                            "output_cost_per_token": 1e-05}}
                """);
        AuditCommandTest.Run r = AuditCommandTest.run("catalog", "check", "--data-dir", dir.toString(),
                "--litellm", litellm.toString(), "--max-age", "5d", "--json");
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        io.vertx.core.json.JsonObject json = new io.vertx.core.json.JsonObject(r.out());
        io.vertx.core.json.JsonArray unpriced = json.getJsonArray("unpriced_in_ledger");
        assertThat(unpriced.size()).isEqualTo(1);
        assertThat(unpriced.getJsonObject(0).getString("model")).isEqualTo("house-model-7b");
        assertThat(unpriced.getJsonObject(0).getLong("requests")).isEqualTo(2);
        assertThat(json.getJsonArray("unverified").size()).isPositive();
        assertThat(json.getJsonArray("stale").size()).isPositive();
        assertThat(json.getJsonArray("litellm_differences").getJsonObject(0).getMap())
                .containsEntry("model", "gpt-4o").containsEntry("field", "input").containsEntry("bundled", "2.5")
                .containsEntry("litellm", "9");
        AuditCommandTest.Run text = AuditCommandTest.run("catalog", "check", "--data-dir", dir.toString());
        assertThat(text.out()).contains("WITHOUT A PRICE (cost recorded as unknown): 1", "gpu", "house-model-7b");
    }

    @Test
    void checkComparesTheBundledCatalogWithTheImportedLiteLlmMap(@TempDir Path dir) throws Exception {
        Path litellm = dir.resolve("prices.json");
        java.nio.file.Files.writeString(litellm, """
                {"gpt-4o": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 9e-06,
                            "output_cost_per_token": 1e-05}}
                """);
        Path data = dir.resolve("data");
        assertThat(AuditCommandTest.run("catalog", "import", litellm.toString(), "--data-dir", data.toString())
                .code()).isZero();
        AuditCommandTest.Run r = AuditCommandTest.run("catalog", "check", "--data-dir", data.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("DIFFERENCES FROM LITELLM'S PRICE MAP: 1").containsPattern("gpt-4o +input +2.50 vs 9");
    }

    @Test
    void auditImportsALiteLlmExport() throws Exception {
        Path src = Path.of(CatalogCommandTest.class.getResource("/audit/litellm-spend.csv").toURI());
        AuditCommandTest.Run r = AuditCommandTest.run("audit", "--import", src.toString(), "--since", "36500d");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("3 requests", "2 malformed input line(s) skipped: line 3", "line 7");
    }
}
