package dev.freeport.catalog;

import dev.freeport.api.Usage;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden costs for DeepSeek's time-of-day rule as the vendor page states it: peak is Beijing time Monday to Friday
 * 09:00-12:00 and 14:00-18:00 (01:00-04:00 and 06:00-10:00 UTC) except Chinese public holidays; off-peak is half.
 */
class DeepSeekOffPeakTest {

    private static final PriceCatalog CATALOG = PriceCatalog.bundled();
    // 100,000 prompt tokens of which 40,000 cache hits, 10,000 output tokens (4,000 of them reasoning)
    private static final Usage USAGE = new Usage(100_000, 10_000, 40_000, 0, 4_000, false);
    // off-peak: 60,000 x $0.15 + 40,000 x $0.003 + 10,000 x $0.60 = $0.01512
    private static final long OFF_PEAK = 15_120_000L;
    // peak: 60,000 x $0.30 + 40,000 x $0.006 + 10,000 x $1.20 = $0.03024
    private static final long PEAK = 30_240_000L;

    private static long flashAt(String utc) {
        CostResult r = PricingEngine.cost(CATALOG, "deepseek", "deepseek-flash", USAGE,
                BillingFacts.at(Instant.parse(utc)), FxRates.NONE);
        assertThat(r.status()).isEqualTo(CostResult.Status.PRICED);
        return r.usdNanos();
    }

    @Test
    void oneMinuteBeforeNineBeijingTimeOnAWednesdayIsOffPeak() {
        assertThat(flashAt("2026-12-02T00:59:00Z")).isEqualTo(OFF_PEAK);
    }

    @Test
    void nineBeijingTimeOnAWednesdayIsPeak() {
        assertThat(flashAt("2026-12-02T01:00:00Z")).isEqualTo(PEAK);
    }

    @Test
    void theLunchBreakAndTheEveningAreOffPeak() {
        assertThat(flashAt("2026-12-02T03:59:59Z")).isEqualTo(PEAK);
        assertThat(flashAt("2026-12-02T04:00:00Z")).isEqualTo(OFF_PEAK);
        assertThat(flashAt("2026-12-02T06:00:00Z")).isEqualTo(PEAK);
        assertThat(flashAt("2026-12-02T10:00:00Z")).isEqualTo(OFF_PEAK);
    }

    @Test
    void weekendsAreOffPeakAllDay() {
        assertThat(flashAt("2026-12-05T02:00:00Z")).isEqualTo(OFF_PEAK); // Saturday 10:00 Beijing
    }

    @Test
    void chinesePublicHolidaysAreOffPeakAllDay() {
        assertThat(flashAt("2026-10-01T02:00:00Z")).isEqualTo(OFF_PEAK); // National Day, a Thursday
    }

    @Test
    void theWeekdayIsBeijingsNotUtcs() {
        // Sunday 2026-12-06 23:30 UTC is Monday 07:30 Beijing (off-peak); Monday 01:30 UTC is Monday 09:30 (peak)
        assertThat(flashAt("2026-12-06T23:30:00Z")).isEqualTo(OFF_PEAK);
        assertThat(flashAt("2026-12-07T01:30:00Z")).isEqualTo(PEAK);
    }

    @Test
    void withoutAProcessingTimeThePeakRateIsTheUpperBound() {
        CostResult r = PricingEngine.cost(CATALOG, "deepseek", "deepseek-flash", USAGE, BillingFacts.NONE,
                FxRates.NONE);
        assertThat(r.usdNanos()).isEqualTo(PEAK);
        assertThat(r.applied()).contains("no processing time: peak rate");
    }

    @Test
    void theRetiredNamesArePricedAsTheModelThatNowServesThem() {
        assertThat(CATALOG.sheet("deepseek", "deepseek-chat").orElseThrow().note()).contains("deepseek-flash");
        CostResult r = PricingEngine.cost(CATALOG, "deepseek", "deepseek-reasoner", USAGE,
                BillingFacts.at(Instant.parse("2026-12-02T00:59:00Z")), FxRates.NONE);
        assertThat(r.usdNanos()).isEqualTo(OFF_PEAK);
    }

    @Test
    void reasoningTokensAreBilledAsOutputAndSaidSo() {
        CostResult r = PricingEngine.cost(CATALOG, "deepseek", "deepseek-flash", USAGE,
                BillingFacts.at(Instant.parse("2026-12-02T01:00:00Z")), FxRates.NONE);
        assertThat(r.applied()).contains("reasoning: 4000 tokens billed as output")
                .anyMatch(s -> s.startsWith("peak (2026-12-02T09:00 Asia/Shanghai"));
    }
}
