package dev.freeport.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.api.Usage;
import dev.freeport.config.LedgerConfig;
import dev.freeport.json.Json;
import dev.freeport.ledger.JournaledLedger;
import dev.freeport.ledger.RequestFacts;
import dev.freeport.ledger.UsageEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AuditCommandTest {

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .setCaseInsensitiveEnumValuesAllowed(true).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void sampleReportPrintsEverySection() {
        Run r = run("audit", "--sample");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("SPEND BY DAY", "SPEND BY VENDOR", "SPEND BY MODEL", "TOP SPENDERS",
                "SPEND BY TEAM", "SPEND BY TAG", "CONCENTRATION", "Herfindahl-Hirschman", "TOKEN-MAXXING FINDINGS",
                "SAVINGS ON OPEN MODELS", "replay");
    }

    @Test
    void sampleJsonHasFindingsAndSavings() throws Exception {
        Run r = run("audit", "--sample", "--json");
        assertThat(r.code()).isZero();
        JsonNode root = Json.MAPPER.readTree(r.out());
        assertThat(root.path("findings").size()).isEqualTo(10); // with cache_hits
        assertThat(root.path("savings").path("saving_nanos").asLong()).isPositive();
    }

    @Test
    void htmlOptionWritesOneFile(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("audit.html");
        Run r = run("audit", "--sample", "--html", html.toString());
        assertThat(r.code()).isZero();
        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>").contains("<svg").doesNotContain("http://",
                "https://", "<script");
    }

    @Test
    void missingLedgerIsAClearError(@TempDir Path dir) {
        Run r = run("audit", "--data-dir", dir.resolve("nope").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("no ledger at", "--sample");
    }

    @Test
    void badSinceIsRejected() {
        Run r = run("audit", "--sample", "--since", "forever");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("freeport audit: --since: \"forever\" is not allowed");
    }

    @Test
    void withAConfigVendorsAreNamedAsRoutingAndTheKillSwitchNameThem(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("freeport.yaml");
        Files.writeString(config, """
                providers:
                  gpu: { type: openai, preset: vllm, base_url: "http://gpu:8000/v1" }
                  eu:  { type: openai, base_url: "https://llm.example.eu/v1", vendor: eucloud }
                models:
                  - { name: local, targets: [ gpu/llama-3, eu/mixtral ] }
                ledger: { data_dir: data }
                """);
        try (JournaledLedger ledger = JournaledLedger.open(new LedgerConfig(dir.resolve("data"), 10,
                Duration.ofMillis(20)))) {
            for (String provider : List.of("gpu", "eu")) {
                ledger.record(UsageEvent.builder("req-" + provider, Instant.now()).caller("fp-a1").endpoint("chat")
                        .alias("local").target(provider, "llama-3").attempts(1)
                        .outcome(UsageEvent.Status.OK, 200, null, null).stream(false)
                        .usage(new Usage(10, 5, 0, 0, 0, false)).costNanos(100).latency(90, 30L)
                        .facts(RequestFacts.NONE).build());
            }
        }

        Run r = run("audit", "--config", config.toString());

        assertThat(r.code()).as(r.err()).isZero();
        String vendors = r.out().substring(r.out().indexOf("SPEND BY VENDOR"), r.out().indexOf("SPEND BY MODEL"));
        assertThat(vendors).containsPattern("\\bself\\b").containsPattern("\\beucloud\\b").doesNotContain("vllm");
    }
}
