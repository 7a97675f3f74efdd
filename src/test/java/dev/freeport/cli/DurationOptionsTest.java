package dev.freeport.cli;

import dev.freeport.api.Usage;
import dev.freeport.config.LedgerConfig;
import dev.freeport.ledger.JournaledLedger;
import dev.freeport.ledger.RequestFacts;
import dev.freeport.ledger.UsageEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every duration option (usage, audit and drill --since; keys --expires, see AdminCommandsTest) takes the one
 * syntax of Freeport's durations: 90s, 30m, 24h, 7d, 2w, 1.5h.
 */
class DurationOptionsTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void ledgerWithEventsThreeAndTenDaysOld() throws Exception {
        Files.writeString(tmp.resolve("freeport.yaml"), """
                providers:
                  ds: { type: openai, preset: deepseek, api_key: sk-test }
                models:
                  - { name: cheap, targets: [ ds/deepseek-chat ] }
                ledger: { data_dir: data }
                """);
        try (JournaledLedger ledger = JournaledLedger.open(new LedgerConfig(tmp.resolve("data"), 10,
                Duration.ofMillis(20)))) {
            for (int days : new int[]{3, 10}) {
                ledger.record(UsageEvent.builder("req-" + days, Instant.now().minus(Duration.ofDays(days)))
                        .caller("fp-a1").endpoint("chat").alias("cheap").target("ds", "deepseek-chat").attempts(1)
                        .outcome(UsageEvent.Status.OK, 200, null, null).stream(false)
                        .usage(new Usage(10, 5, 0, 0, 0, false)).costNanos(100).latency(90, 30L)
                        .facts(RequestFacts.NONE).build());
            }
        }
    }

    @Test
    void usageSinceTakesWeeks() {
        CliRun r = CliRun.in(tmp, Map.of(), "usage", "--since", "1w", "--json");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"requests\" : 1");
    }

    @Test
    void auditSinceTakesWeeks() {
        CliRun r = CliRun.in(tmp, Map.of(), "audit", "--since", "2w");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("2 requests");
    }

    @Test
    void drillReplaysAWindowGivenAsADuration() {
        CliRun r = CliRun.in(tmp, Map.of(), "drill", "--vendor", "deepseek", "--since", "1w");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("replaying the last 7 days").containsPattern("cheap +1 +1 +FAIL");
    }

    @Test
    void aBadDurationNamesTheOptionAndTheSyntax() {
        CliRun r = CliRun.in(tmp, Map.of(), "usage", "--since", "a week");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("freeport usage: --since: \"a week\" is not a duration (write e.g. 250ms, 10s,"
                + " 2m, 1h, 7d or 2w)");
    }
}
