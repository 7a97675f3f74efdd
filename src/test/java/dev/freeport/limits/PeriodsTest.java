package dev.freeport.limits;

import dev.freeport.caller.Budget;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class PeriodsTest {
    private static final Instant THURSDAY = Instant.parse("2026-11-26T23:59:59Z");

    @Test
    void aDayRunsFromUtcMidnightToUtcMidnight() {
        assertThat(Periods.start(Budget.Period.DAY, THURSDAY)).isEqualTo("2026-11-26T00:00:00Z");
        assertThat(Periods.end(Budget.Period.DAY, THURSDAY)).isEqualTo("2026-11-27T00:00:00Z");
    }

    @Test
    void aWeekStartsOnMonday() {
        assertThat(Periods.start(Budget.Period.WEEK, THURSDAY)).isEqualTo("2026-11-23T00:00:00Z");
        assertThat(Periods.end(Budget.Period.WEEK, THURSDAY)).isEqualTo("2026-11-30T00:00:00Z");
        assertThat(Periods.start(Budget.Period.WEEK, Instant.parse("2026-11-23T00:00:00Z")))
                .isEqualTo("2026-11-23T00:00:00Z");
    }

    @Test
    void aMonthStartsOnTheFirst() {
        assertThat(Periods.start(Budget.Period.MONTH, THURSDAY)).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(Periods.end(Budget.Period.MONTH, Instant.parse("2026-12-31T12:00:00Z")))
                .isEqualTo("2027-01-01T00:00:00Z");
    }

    @Test
    void aTotalBudgetNeverResets() {
        assertThat(Periods.start(Budget.Period.TOTAL, THURSDAY)).isEqualTo(Instant.EPOCH);
        assertThat(Periods.end(Budget.Period.TOTAL, THURSDAY)).isNull();
    }

    @Test
    void eachPeriodHasItsOwnCounter() {
        Budget day = LimitsHarness.hardUsd("1", Budget.Period.DAY);
        assertThat(BudgetLine.of("key:a", "key a", day, THURSDAY).counterKey())
                .isNotEqualTo(BudgetLine.of("key:a", "key a", day, THURSDAY.plusSeconds(1)).counterKey());
    }

    @Test
    void resetDurationsReadAsOpenAiWritesThem() {
        assertThat(RateHeaders.duration(0)).isEqualTo("0s");
        assertThat(RateHeaders.duration(250)).isEqualTo("250ms");
        assertThat(RateHeaders.duration(1500)).isEqualTo("1.5s");
        assertThat(RateHeaders.duration(360_000)).isEqualTo("6m0s");
    }

    @Test
    void resetDurationsKeepUpToThreeDecimalsOfASecond() {
        assertThat(RateHeaders.duration(59_998)).isEqualTo("59.998s");
        assertThat(RateHeaders.duration(60_050)).isEqualTo("1m0.05s");
        assertThat(RateHeaders.duration(61_250)).isEqualTo("1m1.25s");
        assertThat(RateHeaders.duration(1_005)).isEqualTo("1.005s");
        assertThat(RateHeaders.duration(1_005)).isEqualTo("1.005s"); // the reused text
        assertThat(RateHeaders.duration(-5)).isEqualTo("0s");
    }
}
