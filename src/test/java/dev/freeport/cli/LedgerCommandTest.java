package dev.freeport.cli;

import dev.freeport.api.Usage;
import dev.freeport.config.LedgerConfig;
import dev.freeport.ledger.JournaledLedger;
import dev.freeport.ledger.UsageEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code freeport ledger prune} in-process against a real SQLite ledger in a temp data dir. */
class LedgerCommandTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @TempDir
    Path tmp;
    Path data;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new Main()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static UsageEvent event(String id, Duration age, long costNanos) {
        return UsageEvent.builder(id, NOW.minus(age)).caller("master").endpoint("chat").alias("cheap")
                .target("ds", "deepseek-chat").attempts(1).outcome(UsageEvent.Status.OK, 200, null, null).stream(false)
                .usage(new Usage(100, 20, 0, 0, 0, false)).costNanos(costNanos).latency(300, 50L).build();
    }

    private List<String> ids() {
        try (JournaledLedger l = JournaledLedger.open(new LedgerConfig(data, 10, Duration.ofHours(1)))) {
            return l.since(Instant.EPOCH).stream().map(UsageEvent::id).toList();
        }
    }

    @BeforeEach
    void recordEvents() {
        data = tmp.resolve("data");
        try (JournaledLedger l = JournaledLedger.open(new LedgerConfig(data, 10, Duration.ofHours(1)))) {
            l.record(event("old-1", Duration.ofDays(45), 1_500_000_000L));
            l.record(event("old-2", Duration.ofDays(40), 1_000_000_000L));
            l.record(event("week", Duration.ofDays(8), 10));
            l.record(event("today", Duration.ofHours(1), 10));
        }
    }

    @Test
    void pruneOlderThanDeletesThoseEventsAndSaysWhatWent() {
        Run r = run("ledger", "prune", "--data-dir", data.toString(), "--older-than", "30d");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("deleted 2 events older than", "(older than 30d)", "$2.50 of spend",
                "free pages");
        assertThat(ids()).containsExactly("week", "today");
    }

    @Test
    void dryRunCountsAndDeletesNothing() {
        Run r = run("ledger", "prune", "--data-dir", data.toString(), "--older-than", "30d", "--dry-run");

        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("would delete 2 events older than");
        assertThat(ids()).hasSize(4);
    }

    @Test
    void withoutOlderThanTheConfigsRetentionDecides() throws Exception {
        Path config = tmp.resolve("freeport.yaml");
        Files.writeString(config, "ledger: { data_dir: \"" + data + "\", retention: 7d }\n");

        Run r = run("ledger", "prune", "--config", config.toString());

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("deleted 3 events", "(retention 7d)");
        assertThat(ids()).containsExactly("today");
    }

    @Test
    void noLedgerExitsWithOne() {
        Run r = run("ledger", "prune", "--data-dir", data.resolve("nowhere").toString());

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("no ledger at");
    }
}
