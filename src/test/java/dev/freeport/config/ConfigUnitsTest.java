package dev.freeport.config;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigUnitsTest {

    @Test
    void parsesDurationsInEveryUnit() {
        assertThat(ConfigUnits.parseDuration("250ms", false)).isEqualTo(Duration.ofMillis(250));
        assertThat(ConfigUnits.parseDuration("10s", false)).isEqualTo(Duration.ofSeconds(10));
        assertThat(ConfigUnits.parseDuration("2m", false)).isEqualTo(Duration.ofMinutes(2));
        assertThat(ConfigUnits.parseDuration("1h", false)).isEqualTo(Duration.ofHours(1));
        assertThat(ConfigUnits.parseDuration("1d", false)).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void parsesWeeksLikeEveryOtherUnit() {
        assertThat(ConfigUnits.parseDuration("2w", false)).isEqualTo(Duration.ofDays(14));
    }

    @Test
    void acceptsDurationsUpToTheGivenLongest() {
        assertThat(ConfigUnits.parseDuration("800d", false, Duration.ofDays(1000))).isEqualTo(Duration.ofDays(800));
        assertThatThrownBy(() -> ConfigUnits.parseDuration("800d", false)).hasMessageContaining("longer than a year");
    }

    @Test
    void parsesFractionalDurationsExactly() {
        assertThat(ConfigUnits.parseDuration("1.5s", false)).isEqualTo(Duration.ofMillis(1500));
        assertThat(ConfigUnits.parseDuration("0.1s", false)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void refusesInfiniteDurations() {
        assertThatThrownBy(() -> ConfigUnits.parseDuration("infinite", true))
                .hasMessage("\"infinite\" is not allowed: durations must be finite (e.g. 30s or 10m)");
        assertThatThrownBy(() -> ConfigUnits.parseDuration("-1", true)).hasMessageContaining("must be finite");
    }

    @Test
    void refusesDurationsWithoutUnit() {
        assertThatThrownBy(() -> ConfigUnits.parseDuration("30", false))
                .hasMessage("\"30\" needs a unit: ms, s, m, h, d or w (e.g. 30s)");
    }

    @Test
    void refusesZeroUnlessAllowed() {
        assertThatThrownBy(() -> ConfigUnits.parseDuration("0ms", false)).hasMessageContaining("is zero");
        assertThat(ConfigUnits.parseDuration("0ms", true)).isZero();
    }

    @Test
    void refusesNegativeDurations() {
        assertThatThrownBy(() -> ConfigUnits.parseDuration("-5s", true))
                .hasMessage("\"-5s\" is negative: durations must be positive");
    }

    @Test
    void refusesSubMillisecondDurations() {
        assertThatThrownBy(() -> ConfigUnits.parseDuration("0.5ms", false)).hasMessageContaining("millisecond");
    }

    @Test
    void refusesUnknownDurationUnits() {
        assertThatThrownBy(() -> ConfigUnits.parseDuration("10 sec", false))
                .hasMessage("\"10 sec\" is not a duration (write e.g. 250ms, 10s, 2m, 1h, 7d or 2w)");
    }

    @Test
    void parsesSizesInDecimalAndBinaryUnits() {
        assertThat(ConfigUnits.parseSize("1000")).isEqualTo(1000);
        assertThat(ConfigUnits.parseSize("512B")).isEqualTo(512);
        assertThat(ConfigUnits.parseSize("64KB")).isEqualTo(64_000);
        assertThat(ConfigUnits.parseSize("64KiB")).isEqualTo(65_536);
        assertThat(ConfigUnits.parseSize("16MB")).isEqualTo(16_000_000);
        assertThat(ConfigUnits.parseSize("16MiB")).isEqualTo(16L * 1024 * 1024);
        assertThat(ConfigUnits.parseSize("1 GiB")).isEqualTo(1L << 30);
    }

    @Test
    void refusesZeroAndHugeSizes() {
        assertThatThrownBy(() -> ConfigUnits.parseSize("0")).hasMessageContaining("is zero");
        assertThatThrownBy(() -> ConfigUnits.parseSize("99999999999GiB")).hasMessageContaining("too large");
    }

    @Test
    void parsesMoneyExactlyAsWritten() {
        assertThat(ConfigUnits.parseMoney("0.028")).isEqualByComparingTo("0.028").hasToString("0.028");
        assertThat(ConfigUnits.parseMoney("0.1")).isEqualTo(new BigDecimal("0.1"));
        assertThat(ConfigUnits.parseMoney("2.50")).hasToString("2.50");
        assertThat(ConfigUnits.parseMoney("15")).isEqualTo(new BigDecimal("15"));
        assertThat(ConfigUnits.parseMoney("3e-2")).isEqualByComparingTo("0.03");
    }

    @Test
    void moneyFromYamlNumbersIsExact() {
        FreeportConfig c = ConfigTesting.parse("prices:\n  m: { input: 0.1, output: 0.30000000000000004 }\n");

        assertThat(c.prices().get("m").inputPerMTok()).isEqualTo(new BigDecimal("0.1"));
        assertThat(c.prices().get("m").outputPerMTok()).isEqualTo(new BigDecimal("0.30000000000000004"));
    }

    @Test
    void refusesMoneyThatIsNotANumber() {
        assertThatThrownBy(() -> ConfigUnits.parseMoney("$2")).hasMessageContaining("is not an amount");
        assertThatThrownBy(() -> ConfigUnits.parseMoney("NaN")).hasMessageContaining("is not an amount");
        assertThatThrownBy(() -> ConfigUnits.parseMoney("Infinity")).hasMessageContaining("is not an amount");
    }

    @Test
    void formatsDurationsAndSizesShortest() {
        assertThat(ConfigUnits.formatDuration(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(ConfigUnits.formatDuration(Duration.ofMinutes(10))).isEqualTo("10m");
        assertThat(ConfigUnits.formatDuration(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(ConfigUnits.formatSize(16L * 1024 * 1024)).isEqualTo("16MiB");
        assertThat(ConfigUnits.formatSize(1500)).isEqualTo("1500B");
    }

    @Test
    void secretFieldNamesAreRecognised() {
        assertThat(Paths.isSecret("providers.d.api_key")).isTrue();
        assertThat(Paths.isSecret("server.master_key")).isTrue();
        assertThat(Paths.isSecret("providers.d.headers.Authorization")).isTrue();
        assertThat(Paths.isSecret("x.access_token")).isTrue();
        assertThat(Paths.isSecret("providers.s.models.m.tokens_per_second")).isFalse();
        assertThat(Paths.isSecret("providers.s.models.m.max_output_tokens")).isFalse();
        assertThat(Paths.isSecret("providers.d.base_url")).isFalse();
    }

    @Test
    void suggestsOnlyCloseNames() {
        assertThat(Suggest.closest("deepsek", java.util.List.of("deepseek", "local"))).isEqualTo("deepseek");
        assertThat(Suggest.closest("api-key", java.util.List.of("api_key", "preset"))).isEqualTo("api_key");
        assertThat(Suggest.closest("colour", java.util.List.of("data_dir", "batch_size"))).isNull();
    }
}
