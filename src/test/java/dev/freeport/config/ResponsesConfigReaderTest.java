package dev.freeport.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.freeport.config.ConfigTesting.parse;
import static dev.freeport.config.ConfigTesting.problem;
import static org.assertj.core.api.Assertions.assertThat;

/** The responses: section: store on or off, retention, max_entry_size. */
class ResponsesConfigReaderTest {

    @Test
    void withoutASectionResponsesAreKeptThirtyDaysUpToSixteenMibAnEntry() {
        ResponsesConfig r = parse("ledger: { data_dir: data }\n").responses();

        assertThat(r).isEqualTo(new ResponsesConfig(true, Duration.ofDays(30), 16L << 20));
    }

    @Test
    void everySettingIsRead() {
        ResponsesConfig r = parse("responses:\n  store: false\n  retention: 7d\n  max_entry_size: 2MiB\n")
                .responses();

        assertThat(r).isEqualTo(new ResponsesConfig(false, Duration.ofDays(7), 2L << 20));
    }

    @Test
    void storeThatIsNoBooleanIsRefusedOnItsLine() {
        assertThat(problem("responses:\n  store: maybe\n")).isEqualTo(new ConfigProblem("responses.store", 2, 10,
                "must be true or false, got \"maybe\""));
    }

    @Test
    void retentionBelowAMinuteIsRefusedOnItsLine() {
        assertThat(problem("responses:\n  retention: 10s\n")).isEqualTo(new ConfigProblem("responses.retention", 2,
                14, "must be between 1m and 3650d, got 10s"));
    }

    @Test
    void maxEntrySizeAboveOneGibIsRefusedOnItsLine() {
        assertThat(problem("responses:\n  max_entry_size: 2GiB\n")).isEqualTo(new ConfigProblem(
                "responses.max_entry_size", 2, 19, "must be between 1KiB and 1GiB, got 2GiB"));
    }

    @Test
    void anUnknownKeyIsRefusedWithTheKnownOnes() {
        assertThat(problem("responses:\n  retain: 7d\n").message()).contains("retention");
    }
}
