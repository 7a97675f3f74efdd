package dev.freeport.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freeport.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

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
        assertThat(root.path("findings").size()).isEqualTo(9);
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
        assertThat(r.err()).contains("bad duration");
    }
}
