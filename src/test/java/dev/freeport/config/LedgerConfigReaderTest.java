package dev.freeport.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.freeport.config.ConfigTesting.parse;
import static dev.freeport.config.ConfigTesting.problem;
import static org.assertj.core.api.Assertions.assertThat;

/** ledger.retention and ledger.max_size. */
class LedgerConfigReaderTest {

    @Test
    void retentionDefaultsToNinetyDaysWithoutASizeBound() {
        LedgerConfig l = parse("ledger: { data_dir: data }\n").ledger();

        assertThat(l.retention()).isEqualTo(Duration.ofDays(90));
        assertThat(l.maxSize()).isZero();
    }

    @Test
    void retentionLongerThanAYearIsAccepted() {
        assertThat(parse("ledger:\n  retention: 2555d\n").ledger().retention()).isEqualTo(Duration.ofDays(2555));
    }

    @Test
    void retentionForeverKeepsEveryEvent() {
        LedgerConfig l = parse("ledger:\n  retention: forever\n").ledger();

        assertThat(l.retention()).isNull();
        assertThat(l.prunes()).isFalse();
    }

    @Test
    void retentionShorterThanADayIsRefusedOnItsLine() {
        assertThat(problem("ledger:\n  retention: 12h\n")).isEqualTo(new ConfigProblem("ledger.retention", 2, 14,
                "must be at least 1d (usage, the audit and concentration caps read the last day and more), got 12h"));
    }

    @Test
    void retentionThatIsNoDurationNamesForever() {
        assertThat(problem("ledger:\n  retention: a while\n").message())
                .isEqualTo("\"a while\" is not a duration (write e.g. 250ms, 10s, 2m, 1h, 7d or 2w); or forever to keep"
                        + " every event");
    }

    @Test
    void maxSizeIsReadAsBytes() {
        assertThat(parse("ledger:\n  max_size: 2GiB\n").ledger().maxSize()).isEqualTo(2L << 30);
    }

    @Test
    void maxSizeBelowOneSegmentIsRefused() {
        assertThat(problem("ledger:\n  max_size: 1MB\n")).isEqualTo(new ConfigProblem("ledger.max_size", 2, 13,
                "must be at least 16MiB, got 1MB"));
    }

    @Test
    void maxSizeWithPostgresIsRefusedOnItsLine() {
        ConfigProblem p = problem("""
                store: { type: postgres, url: "jdbc:postgresql://db:5432/freeport" }
                ledger:
                  max_size: 10GiB
                """);

        assertThat(p.path()).isEqualTo("ledger.max_size");
        assertThat(p.line()).isEqualTo(3);
        assertThat(p.message()).startsWith("applies to the embedded SQLite ledger only");
    }
}
